//! Recently viewed products, per account, so they follow a shopper across devices.

use sea_orm_migration::prelude::sea_orm;
use sea_orm_migration::prelude::{
    ColumnDef, DbErr, DeriveIden, DeriveMigrationName, ForeignKey, ForeignKeyAction, Index,
    MigrationTrait, SchemaManager, Table, async_trait,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RecentlyViewed {
    Table,
    UserId,
    ProductId,
    ViewedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RecentlyViewed::Table)
                    .col(
                        ColumnDef::new(RecentlyViewed::UserId)
                            .string_len(36)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RecentlyViewed::ProductId)
                            .string_len(36)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RecentlyViewed::ViewedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(RecentlyViewed::UserId)
                            .col(RecentlyViewed::ProductId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RecentlyViewed::Table, RecentlyViewed::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RecentlyViewed::Table, RecentlyViewed::ProductId)
                            .to(Products::Table, Products::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_recently_viewed_user_time")
                    .table(RecentlyViewed::Table)
                    .col(RecentlyViewed::UserId)
                    .col(RecentlyViewed::ViewedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RecentlyViewed::Table).to_owned())
            .await
    }
}
