//! Outbound webhooks: the endpoints, the outbox of their deliveries (one row per endpoint and
//! event, written in the transaction that writes the event) and every attempt made.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{
    ENUM_LEN, m20261129_000002_create_articles::Articles,
    m20261129_000007_create_claim_events::ClaimEvents,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Webhooks {
    Table,
    Id,
    Url,
    /// The event kinds sent, as `,CLOSED,REOPENED,`; empty for every kind.
    EventKinds,
    ArticleId,
    Description,
    /// The `whsec_…` signing secret: the key is needed to sign, so it is kept, never shown.
    Secret,
    /// The secret before the last rotation, still signing until `previous_secret_until`.
    PreviousSecret,
    PreviousSecretUntil,
    Enabled,
    DisabledReason,
    DisabledAt,
    /// Since when every attempt failed; cleared by a success.
    FailingSince,
    /// The instance that delivers to this endpoint, until `lease_until`.
    LeaseOwner,
    LeaseUntil,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WebhookDeliveries {
    Table,
    Id,
    WebhookId,
    EventId,
    ClaimId,
    Status,
    Attempts,
    NextAttemptAt,
    /// The claim as it stood after the event.
    Claim,
    CreatedAt,
    FinishedAt,
}

#[derive(DeriveIden)]
enum WebhookAttempts {
    Table,
    Id,
    DeliveryId,
    WebhookId,
    AttemptedAt,
    Succeeded,
    HttpStatus,
    DurationMs,
    /// The first kilobyte of the response body.
    Response,
    Error,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_webhooks(manager).await?;
        create_deliveries(manager).await?;
        create_attempts(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            WebhookAttempts::Table.into_iden(),
            WebhookDeliveries::Table.into_iden(),
            Webhooks::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

async fn create_webhooks(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Webhooks::Table)
                .col(big_pk_auto(Webhooks::Id))
                .col(text(Webhooks::Url))
                .col(text(Webhooks::EventKinds))
                .col(big_integer_null(Webhooks::ArticleId))
                .col(text_null(Webhooks::Description))
                .col(string_len(Webhooks::Secret, 128))
                .col(string_len_null(Webhooks::PreviousSecret, 128))
                .col(timestamp_with_time_zone_null(Webhooks::PreviousSecretUntil))
                .col(boolean(Webhooks::Enabled))
                .col(text_null(Webhooks::DisabledReason))
                .col(timestamp_with_time_zone_null(Webhooks::DisabledAt))
                .col(timestamp_with_time_zone_null(Webhooks::FailingSince))
                .col(string_len_null(Webhooks::LeaseOwner, 64))
                .col(timestamp_with_time_zone_null(Webhooks::LeaseUntil))
                .col(timestamp_with_time_zone(Webhooks::CreatedAt))
                .col(timestamp_with_time_zone(Webhooks::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Webhooks::Table, Webhooks::ArticleId)
                        .to(Articles::Table, Articles::Id),
                )
                .to_owned(),
        )
        .await
}

async fn create_deliveries(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(WebhookDeliveries::Table)
                .col(big_pk_auto(WebhookDeliveries::Id))
                .col(big_integer(WebhookDeliveries::WebhookId))
                .col(big_integer(WebhookDeliveries::EventId))
                .col(big_integer(WebhookDeliveries::ClaimId))
                .col(string_len(WebhookDeliveries::Status, ENUM_LEN))
                .col(integer(WebhookDeliveries::Attempts))
                .col(timestamp_with_time_zone(WebhookDeliveries::NextAttemptAt))
                .col(json(WebhookDeliveries::Claim))
                .col(timestamp_with_time_zone(WebhookDeliveries::CreatedAt))
                .col(timestamp_with_time_zone_null(WebhookDeliveries::FinishedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(WebhookDeliveries::Table, WebhookDeliveries::WebhookId)
                        .to(Webhooks::Table, Webhooks::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(WebhookDeliveries::Table, WebhookDeliveries::EventId)
                        .to(ClaimEvents::Table, ClaimEvents::Id),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("webhook_deliveries_queue_idx")
                .table(WebhookDeliveries::Table)
                .col(WebhookDeliveries::WebhookId)
                .col(WebhookDeliveries::Status)
                .col(WebhookDeliveries::Id)
                .to_owned(),
        )
        .await
}

async fn create_attempts(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(WebhookAttempts::Table)
                .col(big_pk_auto(WebhookAttempts::Id))
                .col(big_integer(WebhookAttempts::DeliveryId))
                .col(big_integer(WebhookAttempts::WebhookId))
                .col(timestamp_with_time_zone(WebhookAttempts::AttemptedAt))
                .col(boolean(WebhookAttempts::Succeeded))
                .col(integer_null(WebhookAttempts::HttpStatus))
                .col(big_integer(WebhookAttempts::DurationMs))
                .col(text_null(WebhookAttempts::Response))
                .col(text_null(WebhookAttempts::Error))
                .foreign_key(
                    ForeignKey::create()
                        .from(WebhookAttempts::Table, WebhookAttempts::DeliveryId)
                        .to(WebhookDeliveries::Table, WebhookDeliveries::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("webhook_attempts_delivery_idx")
                .table(WebhookAttempts::Table)
                .col(WebhookAttempts::DeliveryId)
                .col(WebhookAttempts::Id)
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("webhook_attempts_webhook_idx")
                .table(WebhookAttempts::Table)
                .col(WebhookAttempts::WebhookId)
                .col(WebhookAttempts::Succeeded)
                .to_owned(),
        )
        .await
}
