//! Links to the previous, next and numbered pages of a listing, keeping its search.

use leptos::prelude::*;

use crate::context::use_locale;
use crate::i18n::Msg;
use crate::query::QueryString;

/// The page numbers to link: the first, the last, and two either side of `current`;
/// `None` stands for the gap between them.
pub fn page_numbers(current: u64, last: u64) -> Vec<Option<u64>> {
    let mut pages: Vec<u64> = [1, last]
        .into_iter()
        .chain(current.saturating_sub(2)..=current.saturating_add(2))
        .filter(|page| (1..=last).contains(page))
        .collect();
    pages.sort_unstable();
    pages.dedup();
    let mut out = Vec::with_capacity(pages.len() + 2);
    let mut previous = 0;
    for page in pages {
        if page > previous + 1 {
            out.push(None);
        }
        out.push(Some(page));
        previous = page;
    }
    out
}

/// The pages of a listing; nothing when there is only one.
#[component]
pub fn Pagination(path: String, query: QueryString, page: u64, last_page: u64) -> AnyView {
    let locale = use_locale();
    (last_page > 1).then(|| {
        let href = move |n: u64| query.on_page(n).href(&path);
        let prev = (page > 1 && page <= last_page).then(|| {
            view! { <a class="page-link page-prev" rel="prev" href=href(page - 1)><span aria-hidden="true">"‹ "</span>{locale.t(Msg::PreviousPage)}</a> }
        });
        let next = (page < last_page).then(|| {
            view! { <a class="page-link page-next" rel="next" href=href(page + 1)>{locale.t(Msg::NextPage)}<span aria-hidden="true">" ›"</span></a> }
        });
        let numbers = page_numbers(page.min(last_page), last_page)
            .into_iter()
            .map(|n| match n {
                Some(n) if n == page => view! {
                    <li class="page-here"><a class="page-link current" href=href(n) aria-current="page">{n}</a></li>
                }
                .into_any(),
                Some(n) => view! {
                    <li><a class="page-link" href=href(n)>
                        <span class="visually-hidden">{locale.t(Msg::PageLabel)}" "</span>{n}
                    </a></li>
                }
                .into_any(),
                None => view! { <li class="page-gap" aria-hidden="true">"…"</li> }.into_any(),
            })
            .collect_view();
        view! {
            <nav class="pagination" aria-label=locale.t(Msg::Pages)>
                {prev}
                <ol class="page-numbers">{numbers}</ol>
                {next}
            </nav>
        }
    })
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::page_numbers;

    #[test]
    fn short_listings_show_every_page() {
        assert_eq!(page_numbers(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert!(page_numbers(1, 0).is_empty());
    }

    #[test]
    fn long_listings_show_the_ends_and_the_neighbourhood() {
        assert_eq!(
            page_numbers(10, 40),
            vec![
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(40)
            ]
        );
        assert_eq!(
            page_numbers(1, 40),
            vec![Some(1), Some(2), Some(3), None, Some(40)]
        );
        assert_eq!(
            page_numbers(4, 40),
            vec![
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                None,
                Some(40)
            ]
        );
    }
}
