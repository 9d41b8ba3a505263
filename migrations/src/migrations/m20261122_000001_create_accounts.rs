//! Accounts: users, shops and their staff, sessions and API tokens, login throttling.

use sea_orm_migration::prelude::sea_orm;
use sea_orm_migration::prelude::{
    ColumnDef, DbErr, DeriveIden, DeriveMigrationName, ForeignKey, ForeignKeyAction, Index,
    MigrationTrait, SchemaManager, Table, async_trait,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    Name,
    PasswordHash,
    IsOperator,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Shops {
    Table,
    Id,
    Slug,
    Name,
    Description,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ShopStaff {
    Table,
    UserId,
    ShopId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    UserId,
    Kind,
    Name,
    CsrfToken,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    ScopeKey,
    WindowStartedAt,
    Failures,
}

fn id_column<T: sea_orm_migration::prelude::IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).string_len(36).not_null().to_owned()
}

fn timestamp<T: sea_orm_migration::prelude::IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(id_column(Users::Id).primary_key())
                    .col(
                        ColumnDef::new(Users::Email)
                            .string_len(254)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Users::Name).string_len(80).not_null())
                    .col(ColumnDef::new(Users::PasswordHash).string().not_null())
                    .col(
                        ColumnDef::new(Users::IsOperator)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(timestamp(Users::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Shops::Table)
                    .col(id_column(Shops::Id).primary_key())
                    .col(
                        ColumnDef::new(Shops::Slug)
                            .string_len(60)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Shops::Name).string_len(80).not_null())
                    .col(
                        ColumnDef::new(Shops::Description)
                            .text()
                            .not_null()
                            .default(""),
                    )
                    .col(ColumnDef::new(Shops::Status).string_len(16).not_null())
                    .col(timestamp(Shops::CreatedAt))
                    .to_owned(),
            )
            .await?;

        // A user is staff of at most one shop: the primary key is the user.
        manager
            .create_table(
                Table::create()
                    .table(ShopStaff::Table)
                    .col(id_column(ShopStaff::UserId).primary_key())
                    .col(id_column(ShopStaff::ShopId))
                    .col(timestamp(ShopStaff::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ShopStaff::Table, ShopStaff::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ShopStaff::Table, ShopStaff::ShopId)
                            .to(Shops::Table, Shops::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_shop_staff_shop")
                    .table(ShopStaff::Table)
                    .col(ShopStaff::ShopId)
                    .to_owned(),
            )
            .await?;

        // Web sessions and API tokens alike: only a SHA-256 of the secret is stored, so a
        // copy of the database does not let anyone in.
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(id_column(Sessions::Id).primary_key())
                    .col(
                        ColumnDef::new(Sessions::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(id_column(Sessions::UserId))
                    .col(ColumnDef::new(Sessions::Kind).string_len(8).not_null())
                    .col(ColumnDef::new(Sessions::Name).string_len(80).null())
                    .col(ColumnDef::new(Sessions::CsrfToken).string_len(64).null())
                    .col(timestamp(Sessions::CreatedAt))
                    .col(timestamp(Sessions::LastSeenAt))
                    .col(timestamp(Sessions::ExpiresAt))
                    .col(
                        ColumnDef::new(Sessions::RevokedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sessions_user")
                    .table(Sessions::Table)
                    .col(Sessions::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sessions_expires")
                    .table(Sessions::Table)
                    .col(Sessions::ExpiresAt)
                    .to_owned(),
            )
            .await?;

        // One row per throttled scope ("account:<email>", "ip:<address>"): a fixed window
        // counter that racing logins update in place.
        manager
            .create_table(
                Table::create()
                    .table(LoginThrottle::Table)
                    .col(
                        ColumnDef::new(LoginThrottle::ScopeKey)
                            .string_len(300)
                            .not_null()
                            .primary_key(),
                    )
                    .col(timestamp(LoginThrottle::WindowStartedAt))
                    .col(
                        ColumnDef::new(LoginThrottle::Failures)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LoginThrottle::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Sessions::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ShopStaff::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Shops::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Users::Table).to_owned())
            .await
    }
}
