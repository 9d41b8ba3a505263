//! The catalog: categories, shop profiles, locations, products (shared by GTIN), offers
//! and stock per location, and the full-text index of products.
//!
//! Search text is folded (lower case, no accents) by the application when a product is
//! written, so both engines index the same words: SQLite through an FTS5 table kept in
//! step by triggers, PostgreSQL through a generated `tsvector` column with a GIN index.

use sea_orm_migration::prelude::sea_orm;
use sea_orm_migration::prelude::{
    ColumnDef, ConnectionTrait, DbErr, DeriveIden, DeriveMigrationName, Expr, ExprTrait,
    ForeignKey, ForeignKeyAction, Index, IntoIden, MigrationTrait, SchemaManager, Table,
    async_trait,
};
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Shops {
    Table,
    Id,
    BannerColor,
    ReturnPolicy,
    ShippingFlatCents,
    FreeShippingThresholdCents,
    RatingCenti,
    RatingCount,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
    Slug,
    ParentId,
    NameFr,
    NameEn,
    Position,
}

#[derive(DeriveIden)]
enum Locations {
    Table,
    Id,
    ShopId,
    Name,
    Kind,
    Address,
    Postcode,
    City,
    Latitude,
    Longitude,
    OpeningHours,
    Pickup,
    PreparationMinutes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
    Gtin,
    Title,
    Brand,
    Description,
    CategoryId,
    Slug,
    SearchText,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Id,
    ProductId,
    ShopId,
    PriceCents,
    Currency,
    Condition,
    Description,
    DeliveryPriceCents,
    DeliveryDays,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StockLevels {
    Table,
    OfferId,
    LocationId,
    Quantity,
    Reserved,
}

fn id<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).string_len(36).not_null().to_owned()
}

fn timestamp<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        let shop_columns = [
            ColumnDef::new(Shops::BannerColor)
                .string_len(7)
                .not_null()
                .default("#1f4d3a")
                .to_owned(),
            ColumnDef::new(Shops::ReturnPolicy)
                .text()
                .not_null()
                .default("")
                .to_owned(),
            ColumnDef::new(Shops::ShippingFlatCents)
                .big_integer()
                .not_null()
                .default(490)
                .to_owned(),
            ColumnDef::new(Shops::FreeShippingThresholdCents)
                .big_integer()
                .null()
                .to_owned(),
            ColumnDef::new(Shops::RatingCenti)
                .integer()
                .not_null()
                .default(0)
                .to_owned(),
            ColumnDef::new(Shops::RatingCount)
                .integer()
                .not_null()
                .default(0)
                .to_owned(),
        ];
        for mut column in shop_columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Shops::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Categories::Table)
                    .col(id(Categories::Id).primary_key())
                    .col(
                        ColumnDef::new(Categories::Slug)
                            .string_len(80)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Categories::ParentId).string_len(36).null())
                    .col(ColumnDef::new(Categories::NameFr).string_len(80).not_null())
                    .col(ColumnDef::new(Categories::NameEn).string_len(80).not_null())
                    .col(
                        ColumnDef::new(Categories::Position)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Categories::Table, Categories::ParentId)
                            .to(Categories::Table, Categories::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Locations::Table)
                    .col(id(Locations::Id).primary_key())
                    .col(id(Locations::ShopId))
                    .col(ColumnDef::new(Locations::Name).string_len(80).not_null())
                    .col(ColumnDef::new(Locations::Kind).string_len(16).not_null())
                    .col(
                        ColumnDef::new(Locations::Address)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Locations::Postcode).string_len(5).not_null())
                    .col(ColumnDef::new(Locations::City).string_len(80).not_null())
                    .col(ColumnDef::new(Locations::Latitude).double().null())
                    .col(ColumnDef::new(Locations::Longitude).double().null())
                    .col(
                        ColumnDef::new(Locations::OpeningHours)
                            .string_len(200)
                            .not_null()
                            .default(""),
                    )
                    .col(
                        ColumnDef::new(Locations::Pickup)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(
                        ColumnDef::new(Locations::PreparationMinutes)
                            .integer()
                            .not_null()
                            .default(120),
                    )
                    .col(timestamp(Locations::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Locations::Table, Locations::ShopId)
                            .to(Shops::Table, Shops::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_locations_shop")
                    .table(Locations::Table)
                    .col(Locations::ShopId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Products::Table)
                    .col(id(Products::Id).primary_key())
                    .col(
                        ColumnDef::new(Products::Gtin)
                            .string_len(14)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Products::Title).string_len(200).not_null())
                    .col(
                        ColumnDef::new(Products::Brand)
                            .string_len(80)
                            .not_null()
                            .default(""),
                    )
                    .col(
                        ColumnDef::new(Products::Description)
                            .text()
                            .not_null()
                            .default(""),
                    )
                    .col(id(Products::CategoryId))
                    .col(ColumnDef::new(Products::Slug).string_len(80).not_null())
                    .col(ColumnDef::new(Products::SearchText).text().not_null())
                    .col(timestamp(Products::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Products::Table, Products::CategoryId)
                            .to(Categories::Table, Categories::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_products_category")
                    .table(Products::Table)
                    .col(Products::CategoryId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_products_created")
                    .table(Products::Table)
                    .col(Products::CreatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Offers::Table)
                    .col(id(Offers::Id).primary_key())
                    .col(id(Offers::ProductId))
                    .col(id(Offers::ShopId))
                    .col(
                        ColumnDef::new(Offers::PriceCents)
                            .big_integer()
                            .not_null()
                            .check(Expr::col(Offers::PriceCents).gt(0)),
                    )
                    .col(
                        ColumnDef::new(Offers::Currency)
                            .string_len(3)
                            .not_null()
                            .default("EUR"),
                    )
                    .col(ColumnDef::new(Offers::Condition).string_len(16).not_null())
                    .col(
                        ColumnDef::new(Offers::Description)
                            .text()
                            .not_null()
                            .default(""),
                    )
                    .col(
                        ColumnDef::new(Offers::DeliveryPriceCents)
                            .big_integer()
                            .not_null()
                            .default(0)
                            .check(Expr::col(Offers::DeliveryPriceCents).gte(0)),
                    )
                    .col(
                        ColumnDef::new(Offers::DeliveryDays)
                            .integer()
                            .not_null()
                            .default(3),
                    )
                    .col(ColumnDef::new(Offers::Status).string_len(16).not_null())
                    .col(timestamp(Offers::CreatedAt))
                    .col(timestamp(Offers::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Offers::Table, Offers::ProductId)
                            .to(Products::Table, Products::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Offers::Table, Offers::ShopId)
                            .to(Shops::Table, Shops::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_offers_product_status_price")
                    .table(Offers::Table)
                    .col(Offers::ProductId)
                    .col(Offers::Status)
                    .col(Offers::PriceCents)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_offers_shop_status")
                    .table(Offers::Table)
                    .col(Offers::ShopId)
                    .col(Offers::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_offers_shop_product_condition")
                    .table(Offers::Table)
                    .col(Offers::ShopId)
                    .col(Offers::ProductId)
                    .col(Offers::Condition)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(StockLevels::Table)
                    .col(id(StockLevels::OfferId))
                    .col(id(StockLevels::LocationId))
                    .col(
                        ColumnDef::new(StockLevels::Quantity)
                            .integer()
                            .not_null()
                            .default(0)
                            .check(Expr::col(StockLevels::Quantity).gte(0)),
                    )
                    .col(
                        ColumnDef::new(StockLevels::Reserved)
                            .integer()
                            .not_null()
                            .default(0)
                            .check(Expr::col(StockLevels::Reserved).gte(0)),
                    )
                    .primary_key(
                        Index::create()
                            .col(StockLevels::OfferId)
                            .col(StockLevels::LocationId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StockLevels::Table, StockLevels::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StockLevels::Table, StockLevels::LocationId)
                            .to(Locations::Table, Locations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_stock_location")
                    .table(StockLevels::Table)
                    .col(StockLevels::LocationId)
                    .to_owned(),
            )
            .await?;

        create_search_index(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_search_index(manager).await?;
        for table in [
            StockLevels::Table.into_iden(),
            Offers::Table.into_iden(),
            Products::Table.into_iden(),
            Locations::Table.into_iden(),
            Categories::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [
            Shops::BannerColor.into_iden(),
            Shops::ReturnPolicy.into_iden(),
            Shops::ShippingFlatCents.into_iden(),
            Shops::FreeShippingThresholdCents.into_iden(),
            Shops::RatingCenti.into_iden(),
            Shops::RatingCount.into_iden(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Shops::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

/// SQLite: an external-content FTS5 table over `products.search_text`, kept in step by
/// triggers (the pattern of the FTS5 manual). PostgreSQL: a generated tsvector + GIN.
async fn create_search_index(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let statements: &[&str] = match manager.get_database_backend() {
        DatabaseBackend::Sqlite => &[
            "CREATE VIRTUAL TABLE product_fts USING fts5(search_text, content='products', content_rowid='rowid', tokenize='unicode61')",
            "CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN \
                INSERT INTO product_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
            "CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN \
                INSERT INTO product_fts(product_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END",
            "CREATE TRIGGER products_fts_update AFTER UPDATE OF search_text ON products BEGIN \
                INSERT INTO product_fts(product_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); \
                INSERT INTO product_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
        ],
        _ => &[
            "ALTER TABLE products ADD COLUMN search_vector tsvector \
                GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
            "CREATE INDEX idx_products_search ON products USING GIN (search_vector)",
        ],
    };
    for sql in statements {
        manager.get_connection().execute_unprepared(sql).await?;
    }
    Ok(())
}

async fn drop_search_index(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let statements: &[&str] = match manager.get_database_backend() {
        DatabaseBackend::Sqlite => &[
            "DROP TRIGGER IF EXISTS products_fts_update",
            "DROP TRIGGER IF EXISTS products_fts_delete",
            "DROP TRIGGER IF EXISTS products_fts_insert",
            "DROP TABLE IF EXISTS product_fts",
        ],
        _ => &[
            "DROP INDEX IF EXISTS idx_products_search",
            "ALTER TABLE products DROP COLUMN IF EXISTS search_vector",
        ],
    };
    for sql in statements {
        manager.get_connection().execute_unprepared(sql).await?;
    }
    Ok(())
}
