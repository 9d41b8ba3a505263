//! Recently viewed products follow the account.

use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use services::StoreError;
use services::accounts::{NewAccount, signup};
use services::catalog::recent::{recently_viewed, record_view};
use services::catalog::selling::{OfferInput, ShopApplication, apply_for_shop, create_offer};
use services::db::entity::categories;
use services::test_support::fresh_db;

#[tokio::test]
async fn the_last_viewed_product_comes_first_and_views_are_not_duplicated() -> Result<(), StoreError>
{
    let db = fresh_db().await?;
    categories::ActiveModel {
        id: Set("c1".into()),
        slug: Set("livres".into()),
        parent_id: Set(None),
        name_fr: Set("Livres".into()),
        name_en: Set("Books".into()),
        position: Set(0),
    }
    .insert(db.conn())
    .await?;
    let seller = signup(
        &db,
        NewAccount::parse("libraire@halles.test", "long enough", "Libraire")?,
    )
    .await?;
    let shop = apply_for_shop(
        &db,
        &seller.id,
        ShopApplication {
            name: "Librairie".into(),
            slug: "librairie".into(),
            description: String::new(),
        },
    )
    .await?;
    let mut products = Vec::new();
    for (gtin, title) in [
        ("9782070360024", "L'Étranger"),
        ("9782070368228", "La Peste"),
    ] {
        let offer = create_offer(
            &db,
            &shop.id,
            OfferInput {
                gtin: gtin.into(),
                title: title.into(),
                brand: "Folio".into(),
                price_cents: 790,
                condition: "good".into(),
                description: String::new(),
                category: "livres".into(),
                delivery_price_cents: 0,
                delivery_days: 3,
            },
        )
        .await?;
        products.push(offer.product.id);
    }
    let shopper = signup(
        &db,
        NewAccount::parse("lecteur@halles.test", "long enough", "Lecteur")?,
    )
    .await?;
    record_view(&db, &shopper.id, &products[0], "web").await?;
    record_view(&db, &shopper.id, &products[1], "web").await?;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    record_view(&db, &shopper.id, &products[0], "web").await?;
    let seen = recently_viewed(&db, &shopper.id, 10).await?;
    let titles: Vec<&str> = seen.iter().map(|card| card.title.as_str()).collect();
    assert_eq!(titles, ["L'Étranger", "La Peste"]);
    assert!(
        recently_viewed(&db, &seller.id, 10).await?.is_empty(),
        "per account"
    );
    Ok(())
}
