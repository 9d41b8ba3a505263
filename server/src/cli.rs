//! The `halles` command line. Admin commands connect, do one thing, print what they did
//! and exit non-zero when it failed.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use secrecy::SecretString;
use services::Db;
use services::seed::catalog::{CatalogReport, CatalogSize, seed_catalog};

use crate::config::{
    DEFAULT_DATABASE_URL, PaymentProviderKind, Settings, StripeSettings, redact_url,
};
use crate::startup::Application;

/// Halles: a marketplace of many sellers' e-shops, one cart and one payment.
#[derive(Debug, Parser)]
#[command(name = "halles", version, about)]
struct Cli {
    /// Database URL: `sqlite://path.db` (embedded) or `postgres://user:pass@host/db`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true, hide_env_values = true)]
    database_url: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Migrate, then serve the storefront and the API until Ctrl-C or SIGTERM.
    Serve(ServeArgs),
    /// Apply pending migrations and exit.
    Migrate,
    /// Load data: `--demo` (accounts, shops, catalog) and/or `--products N` (idempotent).
    Seed(SeedArgs),
    /// Create a platform operator account.
    CreateOperator(CreateOperatorArgs),
    /// Run background jobs: every due job once with `--once`, else forever.
    Jobs(JobsArgs),
    /// Verify every invariant of the data; exit 0 only if all hold.
    Check,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "HALLES_ADDR", default_value = "127.0.0.1:3000")]
    addr: SocketAddr,
    /// Folder holding the built site (`pkg/halles.js` and `pkg/halles_bg.wasm`).
    #[arg(long, env = "HALLES_SITE_ROOT", default_value = "target/site")]
    site_root: PathBuf,
    /// Mark cookies Secure (set when serving behind TLS).
    #[arg(long, env = "HALLES_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Trust X-Forwarded-For for client addresses (only behind your own proxy).
    #[arg(long, env = "HALLES_TRUST_PROXY")]
    trust_proxy: bool,
    /// Seconds between background job runs; 0 disables jobs in this process.
    #[arg(long, env = "HALLES_JOBS_INTERVAL_SECS", default_value_t = 60)]
    jobs_interval_secs: u64,
    /// Folder where uploaded product images are stored.
    #[arg(long, env = "HALLES_MEDIA_DIR", default_value = "data/media")]
    media_dir: PathBuf,
    /// Requests per minute allowed to each API token (five times that per client address
    /// for calls without a token); 0 turns rate limiting off.
    #[arg(long, env = "HALLES_API_RATE_PER_MINUTE", default_value_t = 600)]
    api_rate_per_minute: u32,
    /// Comma-separated origins allowed to call the API from a browser (CORS), e.g.
    /// `https://app.example.com`; `*` allows any. Empty: no cross-origin calls.
    #[arg(
        long,
        env = "HALLES_CORS_ORIGINS",
        value_delimiter = ',',
        default_value = ""
    )]
    cors_origins: Vec<String>,
    #[command(flatten)]
    mail: MailArgs,
    #[command(flatten)]
    payments: PaymentArgs,
}

/// Which provider charges cards. Secrets are read as secrets: never echoed in `--help`
/// nor in debug output.
#[derive(Debug, Args)]
struct PaymentArgs {
    /// `sandbox` (no network; test cards decide) or `stripe`.
    #[arg(
        long,
        env = "HALLES_PAYMENT_PROVIDER",
        value_enum,
        default_value = "sandbox"
    )]
    payment_provider: PaymentProviderKind,
    /// Stripe's API base URL.
    #[arg(long, env = "HALLES_STRIPE_API_BASE", default_value = services::buying::stripe::DEFAULT_API_BASE)]
    stripe_api_base: String,
    /// Stripe secret key (`sk_…`); required with `--payment-provider stripe`.
    #[arg(long, env = "HALLES_STRIPE_SECRET_KEY", hide_env_values = true, value_parser = secret)]
    stripe_secret_key: Option<SecretString>,
    /// Signing secret of the webhook endpoint (`whsec_…`); required with Stripe.
    #[arg(long, env = "HALLES_STRIPE_WEBHOOK_SECRET", hide_env_values = true, value_parser = secret)]
    stripe_webhook_secret: Option<SecretString>,
    /// Milliseconds a call to Stripe may take before its outcome counts as unknown.
    #[arg(long, env = "HALLES_STRIPE_TIMEOUT_MS", default_value_t = 20_000)]
    stripe_timeout_ms: u64,
    /// Seconds a payment attempt may stay `processing` (its answer lost: a timeout, a
    /// crash) before the reconcile job asks the provider about it. Keep it well above
    /// the Stripe timeout, so that no request still waiting for its answer is asked about.
    #[arg(long, env = "HALLES_RECONCILE_AFTER_SECS", default_value_t = 120)]
    reconcile_after_secs: u64,
}

fn secret(value: &str) -> Result<SecretString, std::convert::Infallible> {
    Ok(SecretString::from(value))
}

impl PaymentArgs {
    fn reconcile_after(&self) -> chrono::Duration {
        chrono::Duration::seconds(i64::try_from(self.reconcile_after_secs.max(1)).unwrap_or(120))
    }

    fn stripe(&self) -> StripeSettings {
        StripeSettings {
            api_base: self.stripe_api_base.clone(),
            secret_key: self.stripe_secret_key.clone(),
            webhook_secret: self.stripe_webhook_secret.clone(),
            timeout: Duration::from_millis(self.stripe_timeout_ms.max(1)),
        }
    }
}

/// Where e-mails go.
#[derive(Debug, Args)]
struct MailArgs {
    /// Folder where e-mails are written as `.eml` files when no SMTP server is set.
    #[arg(long, env = "HALLES_MAIL_DIR", default_value = "data/mail")]
    mail_dir: PathBuf,
    /// SMTP server for e-mails, e.g. smtps://user:password@smtp.example.com:465.
    #[arg(long, env = "HALLES_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<SecretString>,
    /// The sender of every e-mail.
    #[arg(long, env = "HALLES_MAIL_FROM", default_value = crate::mail::DEFAULT_FROM)]
    mail_from: String,
}

impl MailArgs {
    fn settings(&self) -> crate::mail::MailSettings {
        crate::mail::MailSettings {
            dir: self.mail_dir.clone(),
            smtp_url: self.smtp_url.clone(),
            from: self.mail_from.clone(),
        }
    }
}

#[derive(Debug, Args)]
struct SeedArgs {
    /// Create the demo accounts and shop, and the demo catalog (2,000 products).
    #[arg(long)]
    demo: bool,
    /// Build a catalog of N products instead of the demo one, for benchmarks (progress on stderr).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    products: Option<u32>,
}

#[derive(Debug, Args)]
struct CreateOperatorArgs {
    #[arg(long)]
    email: String,
    /// The password (or set HALLES_OPERATOR_PASSWORD to keep it out of the process list).
    #[arg(long, env = "HALLES_OPERATOR_PASSWORD", hide_env_values = true)]
    password: String,
    #[arg(long, default_value = "Operator")]
    name: String,
}

#[derive(Debug, Args)]
struct JobsArgs {
    /// Run every due job once, then exit.
    #[arg(long)]
    once: bool,
    #[command(flatten)]
    mail: MailArgs,
    /// The provider to ask about payments whose answer was lost.
    #[command(flatten)]
    payments: PaymentArgs,
}

/// Parses the command line and runs it on a multi-threaded runtime.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    crate::telemetry::init(std::io::stderr);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let url = cli.database_url;
    match cli.command {
        Command::Serve(args) => {
            let settings = Settings {
                addr: args.addr,
                database_url: SecretString::from(url),
                site_root: args.site_root,
                secure_cookies: args.secure_cookies,
                trust_proxy: args.trust_proxy,
                jobs_interval: (args.jobs_interval_secs > 0)
                    .then(|| Duration::from_secs(args.jobs_interval_secs)),
                media_dir: args.media_dir,
                mail: args.mail.settings(),
                payment_provider: args.payments.payment_provider,
                stripe: args.payments.stripe(),
                api_rate_per_minute: std::num::NonZeroU32::new(args.api_rate_per_minute),
                cors_origins: args
                    .cors_origins
                    .iter()
                    .map(|origin| origin.trim().to_owned())
                    .filter(|origin| !origin.is_empty())
                    .collect(),
                reconcile_after: args.payments.reconcile_after(),
            };
            let app = Application::build(settings).await?;
            app.run_until_stopped().await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate => {
            let db = connect(&url).await?;
            db.migrate().await.context("migrating")?;
            println!("migrations applied on {}", redact_url(&url));
            Ok(ExitCode::SUCCESS)
        }
        Command::Seed(args) => seed(&url, args).await,
        Command::CreateOperator(args) => {
            let db = connect_migrated(&url).await?;
            match services::seed::create_operator(&db, &args.email, &args.password, &args.name)
                .await
            {
                Ok(id) => {
                    println!("operator created: {id}");
                    Ok(ExitCode::SUCCESS)
                }
                Err(
                    services::StoreError::Conflict { message, .. }
                    | services::StoreError::Invalid { message, .. },
                ) => {
                    eprintln!("error: {message}");
                    Ok(ExitCode::from(2))
                }
                Err(err) => Err(err).context("creating the operator"),
            }
        }
        Command::Jobs(args) => {
            let payments = crate::startup::payment_gateway(
                args.payments.payment_provider,
                &args.payments.stripe(),
            )?;
            let db = connect_migrated(&url).await?;
            let mailer = crate::mail::mailer(&args.mail.settings())?;
            if args.once {
                let reconciled = services::buying::payments::reconcile_processing(
                    &db,
                    payments.provider(),
                    args.payments.reconcile_after(),
                )
                .await
                .context("reconciling payments")?;
                println!("{:<28} {} row(s)", "reconcile_payments", reconciled);
                for report in
                    services::jobs::run_due_once(&db, mailer.as_ref(), payments.provider())
                        .await
                        .context("running jobs")?
                {
                    println!("{:<28} {} row(s)", report.name, report.affected);
                }
                Ok(ExitCode::SUCCESS)
            } else {
                let interval = Duration::from_secs(60);
                tokio::spawn(crate::startup::reconcile_forever(
                    db.clone(),
                    payments.clone(),
                    interval,
                    args.payments.reconcile_after(),
                ));
                crate::jobs::run_forever(db, mailer, payments, interval).await;
                Ok(ExitCode::SUCCESS)
            }
        }
        Command::Check => {
            let db = connect(&url).await?;
            let outcomes = services::invariants::check_all(&db)
                .await
                .context("checking invariants")?;
            let mut all_hold = true;
            for outcome in &outcomes {
                let mark = if outcome.holds() { "ok  " } else { "FAIL" };
                all_hold &= outcome.holds();
                println!(
                    "{mark} {:<34} {} ({} violation(s))",
                    outcome.name, outcome.description, outcome.violations
                );
            }
            println!(
                "{} check(s), {}",
                outcomes.len(),
                if all_hold { "all hold" } else { "some FAILED" }
            );
            Ok(if all_hold {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}

async fn seed(url: &str, args: SeedArgs) -> anyhow::Result<ExitCode> {
    if !args.demo && args.products.is_none() {
        anyhow::bail!(
            "nothing to seed: pass --demo (demo accounts, shop and catalog) or --products N (a catalog of N products)"
        );
    }
    let db = connect_migrated(url).await?;
    if args.demo {
        let report = services::seed::seed_demo(&db)
            .await
            .context("seeding demo data")?;
        println!(
            "demo data ready: {} account(s) and {} shop(s) created (password of every demo account: {})",
            report.accounts_created,
            report.shops_created,
            services::seed::DEMO_PASSWORD
        );
    }
    let started = Instant::now();
    let report = match args.products {
        Some(products) => {
            let bar = ProgressBar::new(u64::from(products));
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:40} {human_pos}/{human_len} products, {elapsed} (ETA {eta})",
            ) {
                bar.set_style(style);
            }
            let progress = |done: u64, total: u64| {
                bar.set_length(total);
                bar.set_position(done);
            };
            let report = seed_catalog(&db, CatalogSize::for_products(products), &progress).await;
            bar.finish_and_clear();
            report
        }
        None => seed_catalog(&db, CatalogSize::DEMO, &|_, _| {}).await,
    }
    .context("seeding the catalog")?;
    print_catalog_report(&report, started.elapsed());
    if args.demo {
        let orders = services::seed::seed_demo_orders(&db)
            .await
            .context("seeding demo orders")?;
        if orders > 0 {
            println!("{orders} demo order(s) placed for shopper@halles.demo");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_catalog_report(report: &CatalogReport, took: Duration) {
    if report.skipped() {
        println!(
            "catalog left as it is: it already has {} product(s)",
            report.existing_products
        );
    } else {
        println!(
            "catalog ready in {:.1} s: {} categories, {} shops, {} locations, {} products, {} offers, {} stock levels created",
            took.as_secs_f64(),
            report.categories,
            report.shops,
            report.locations,
            report.products,
            report.offers,
            report.stock_levels
        );
    }
}

async fn connect(url: &str) -> anyhow::Result<Db> {
    Db::connect(url)
        .await
        .with_context(|| format!("connecting to {}", redact_url(url)))
}

async fn connect_migrated(url: &str) -> anyhow::Result<Db> {
    let db = connect(url).await?;
    db.migrate().await.context("migrating")?;
    Ok(db)
}
