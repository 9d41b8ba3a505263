//! Use-cases on a real database: SQLite by default, PostgreSQL when
//! `HALLES_TEST_POSTGRES_URL` is set.

use std::sync::Arc;

use chrono::Utc;
use migrations::Migrator;
use migrations::sea_orm_migration::MigratorTrait;
use services::StoreError;
use services::accounts::sessions::{self, SessionKind};
use services::accounts::throttle::{self, Scope};
use services::accounts::{LoginAttempt, NewAccount, authenticate, signup};
use services::test_support::fresh_db;

#[tokio::test]
async fn migrations_go_up_down_and_up_again() -> Result<(), StoreError> {
    let db = fresh_db().await?;
    // Schema changes go through the writer, as `Db::migrate` does: on SQLite it is one
    // connection, so each statement sees the one before it (the reader pool may hand
    // consecutive statements to different connections).
    Migrator::down(db.writer(), None).await?;
    Migrator::up(db.writer(), None).await?;
    assert!(
        Migrator::get_pending_migrations(db.writer())
            .await?
            .is_empty()
    );
    Ok(())
}

#[tokio::test]
async fn thirty_two_racing_writers_to_one_row_all_succeed() -> Result<(), StoreError> {
    let db = Arc::new(fresh_db().await?);
    let scope = Scope::account("race@halles.test");
    let now = Utc::now();
    let writers = (0..32).map(|_| {
        let db = Arc::clone(&db);
        let scope = scope.clone();
        tokio::spawn(async move { throttle::record_failure(&db, &scope, now).await })
    });
    let results = futures::future::join_all(writers).await;
    let errors: Vec<String> = results
        .into_iter()
        .filter_map(|joined| match joined {
            Ok(Ok(_)) => None,
            Ok(Err(err)) => Some(err.to_string()),
            Err(err) => Some(err.to_string()),
        })
        .collect();
    assert!(errors.is_empty(), "writers failed: {errors:?}");
    assert_eq!(
        throttle::failures(&db, &scope).await?,
        32,
        "every failure counted once"
    );
    Ok(())
}

#[tokio::test]
async fn a_taken_email_is_a_conflict_on_the_email_field() -> Result<(), StoreError> {
    let db = fresh_db().await?;
    signup(
        &db,
        NewAccount::parse("lea@halles.test", "long enough", "Léa")?,
    )
    .await?;
    let again = signup(
        &db,
        NewAccount::parse(" LEA@halles.test", "another one", "Léa bis")?,
    )
    .await;
    match again {
        Err(StoreError::Conflict { code, field, .. }) => {
            assert_eq!(code, "email_taken");
            assert_eq!(field, Some("email"));
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn login_answers_the_same_for_an_unknown_email_and_a_wrong_password() -> Result<(), StoreError>
{
    let db = fresh_db().await?;
    signup(
        &db,
        NewAccount::parse("tom@halles.test", "right password", "Tom")?,
    )
    .await?;
    let attempt = |email: &'static str, password: &'static str| LoginAttempt {
        email,
        password,
        client_address: "10.0.0.1",
    };
    let wrong_password = authenticate(&db, attempt("tom@halles.test", "wrong password")).await;
    let unknown = authenticate(&db, attempt("nobody@halles.test", "right password")).await;
    assert!(matches!(
        wrong_password,
        Err(StoreError::InvalidCredentials)
    ));
    assert!(matches!(unknown, Err(StoreError::InvalidCredentials)));
    let user = authenticate(&db, attempt("TOM@halles.test", "right password")).await?;
    assert_eq!(user.email, "tom@halles.test");
    Ok(())
}

#[tokio::test]
async fn an_account_is_throttled_after_five_failures_even_with_the_right_password()
-> Result<(), StoreError> {
    let db = fresh_db().await?;
    signup(
        &db,
        NewAccount::parse("max@halles.test", "right password", "Max")?,
    )
    .await?;
    for i in 0..5 {
        let address = format!("10.0.1.{i}");
        let result = authenticate(
            &db,
            LoginAttempt {
                email: "max@halles.test",
                password: "nope nope",
                client_address: &address,
            },
        )
        .await;
        assert!(matches!(result, Err(StoreError::InvalidCredentials)));
    }
    let blocked = authenticate(
        &db,
        LoginAttempt {
            email: "max@halles.test",
            password: "right password",
            client_address: "10.0.2.1",
        },
    )
    .await;
    assert!(
        matches!(blocked, Err(StoreError::Throttled { retry_after_secs }) if retry_after_secs > 0)
    );
    Ok(())
}

#[tokio::test]
async fn a_revoked_token_no_longer_resolves() -> Result<(), StoreError> {
    let db = fresh_db().await?;
    let user = signup(
        &db,
        NewAccount::parse("ana@halles.test", "right password", "Ana")?,
    )
    .await?;
    let issued = sessions::create(&db, &user.id, SessionKind::Api, Some("console".into())).await?;
    let resolved = sessions::resolve(&db, &issued.token, SessionKind::Api)
        .await?
        .expect("live");
    assert_eq!(resolved.user.id, user.id);
    assert!(
        sessions::resolve(&db, &issued.token, SessionKind::Web)
            .await?
            .is_none(),
        "kinds do not mix"
    );
    sessions::revoke(&db, &issued.id).await?;
    assert!(
        sessions::resolve(&db, &issued.token, SessionKind::Api)
            .await?
            .is_none()
    );
    Ok(())
}

#[tokio::test]
async fn demo_seeding_is_idempotent_and_every_check_holds() -> Result<(), StoreError> {
    let db = fresh_db().await?;
    let first = services::seed::seed_demo(&db).await?;
    assert_eq!(first.accounts_created, 3);
    let second = services::seed::seed_demo(&db).await?;
    assert_eq!(second, services::seed::SeedReport::default());
    let seller = authenticate(
        &db,
        LoginAttempt {
            email: "seller@halles.demo",
            password: services::seed::DEMO_PASSWORD,
            client_address: "127.0.0.1",
        },
    )
    .await?;
    assert_eq!(
        seller.shop.map(|shop| shop.slug).as_deref(),
        Some("la-cave-de-leon")
    );
    let mailer = services::buying::notifications::FolderMailer {
        folder: std::env::temp_dir().join(format!("halles-mail-{}", services::new_id())),
        from: "test@halles".into(),
    };
    services::jobs::run_due_once(&db, &mailer, &services::buying::payments::SandboxProvider)
        .await?;
    for outcome in services::invariants::check_all(&db).await? {
        assert!(
            outcome.holds(),
            "{} failed with {} violations",
            outcome.name,
            outcome.violations
        );
    }
    Ok(())
}
