CREATE DATABASE IF NOT EXISTS `ccwh` ON CLUSTER `ccwh_cluster`;

CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_schema_local` ON CLUSTER `ccwh_cluster`
(
    `version` UInt64 COMMENT 'schema version',
    `applied_at` Nullable(DateTime('UTC')) COMMENT 'when migrate applied it',
    `tool_version` Nullable(String) COMMENT 'ccwh build that applied it'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/_ccwh_schema', '{replica}', `version`)
ORDER BY (`version`);

CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_schema` ON CLUSTER `ccwh_cluster`
(
    `version` UInt64 COMMENT 'schema version',
    `applied_at` Nullable(DateTime('UTC')) COMMENT 'when migrate applied it',
    `tool_version` Nullable(String) COMMENT 'ccwh build that applied it'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', '_ccwh_schema_local', cityHash64(`version`));

CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_state_local` ON CLUSTER `ccwh_cluster`
(
    `source` String COMMENT 'configured source name',
    `stream` String COMMENT 'stream name',
    `watermark` Nullable(DateTime('UTC')) COMMENT 'end of the last fully loaded window (UTC)',
    `run_id` Nullable(String) COMMENT 'run that moved it',
    `updated_at` Nullable(DateTime('UTC')) COMMENT 'when it moved',
    `version` UInt64 COMMENT 'increases with each update'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/_ccwh_state', '{replica}', `version`)
ORDER BY (`source`, `stream`);

CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_state` ON CLUSTER `ccwh_cluster`
(
    `source` String COMMENT 'configured source name',
    `stream` String COMMENT 'stream name',
    `watermark` Nullable(DateTime('UTC')) COMMENT 'end of the last fully loaded window (UTC)',
    `run_id` Nullable(String) COMMENT 'run that moved it',
    `updated_at` Nullable(DateTime('UTC')) COMMENT 'when it moved',
    `version` UInt64 COMMENT 'increases with each update'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', '_ccwh_state_local', cityHash64(`source`, `stream`));

CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_runs_local` ON CLUSTER `ccwh_cluster`
(
    `run_id` String COMMENT 'run id',
    `source` String COMMENT 'configured source name',
    `stream` String COMMENT 'stream name',
    `window_from` DateTime('UTC') COMMENT 'window start (inclusive, UTC)',
    `window_to` Nullable(DateTime('UTC')) COMMENT 'window end (exclusive, UTC)',
    `started_at` DateTime('UTC') COMMENT 'start time',
    `finished_at` Nullable(DateTime('UTC')) COMMENT 'end time; NULL while running',
    `status` LowCardinality(Nullable(String)) COMMENT 'running, succeeded or failed',
    `pages` Nullable(Int64) COMMENT 'pages fetched',
    `rows` Nullable(Int64) COMMENT 'rows loaded',
    `rows_by_table` Nullable(String) COMMENT 'JSON object table → rows',
    `bytes` Nullable(Int64) COMMENT 'raw bytes fetched',
    `retries` Nullable(Int64) COMMENT 'HTTP retries',
    `error` Nullable(String) COMMENT 'error text when failed',
    `version` UInt64 COMMENT 'increases with each update of the row'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/_ccwh_runs', '{replica}', `version`)
PARTITION BY toYYYYMM(`started_at`)
ORDER BY (`source`, `stream`, `window_from`, `run_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_runs` ON CLUSTER `ccwh_cluster`
(
    `run_id` String COMMENT 'run id',
    `source` String COMMENT 'configured source name',
    `stream` String COMMENT 'stream name',
    `window_from` DateTime('UTC') COMMENT 'window start (inclusive, UTC)',
    `window_to` Nullable(DateTime('UTC')) COMMENT 'window end (exclusive, UTC)',
    `started_at` DateTime('UTC') COMMENT 'start time',
    `finished_at` Nullable(DateTime('UTC')) COMMENT 'end time; NULL while running',
    `status` LowCardinality(Nullable(String)) COMMENT 'running, succeeded or failed',
    `pages` Nullable(Int64) COMMENT 'pages fetched',
    `rows` Nullable(Int64) COMMENT 'rows loaded',
    `rows_by_table` Nullable(String) COMMENT 'JSON object table → rows',
    `bytes` Nullable(Int64) COMMENT 'raw bytes fetched',
    `retries` Nullable(Int64) COMMENT 'HTTP retries',
    `error` Nullable(String) COMMENT 'error text when failed',
    `version` UInt64 COMMENT 'increases with each update of the row'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', '_ccwh_runs_local', cityHash64(`source`, `stream`, `run_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_holds_local` ON CLUSTER `ccwh_cluster`
(
    `hold_id` String COMMENT 'hold id (h-…)',
    `kind` LowCardinality(Nullable(String)) COMMENT 'customer-email, customer-phone, customer-id or conversation',
    `value` Nullable(String) COMMENT 'normalized e-mail, phone digits, customer id or conversation id',
    `value_hash` Nullable(String) COMMENT 'keyed hash of kind and value (as in _ccwh_erasures)',
    `source` Nullable(String) COMMENT 'configured source the hold is limited to; empty: every source',
    `reason` Nullable(String) COMMENT 'why the data is held (case, ticket)',
    `created_at` Nullable(DateTime('UTC')) COMMENT 'when the hold was added (UTC)',
    `removed_at` Nullable(DateTime('UTC')) COMMENT 'when it was removed; NULL while active',
    `version` UInt64 COMMENT 'increases with each update of the row'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/_ccwh_holds', '{replica}', `version`)
ORDER BY (`hold_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_holds` ON CLUSTER `ccwh_cluster`
(
    `hold_id` String COMMENT 'hold id (h-…)',
    `kind` LowCardinality(Nullable(String)) COMMENT 'customer-email, customer-phone, customer-id or conversation',
    `value` Nullable(String) COMMENT 'normalized e-mail, phone digits, customer id or conversation id',
    `value_hash` Nullable(String) COMMENT 'keyed hash of kind and value (as in _ccwh_erasures)',
    `source` Nullable(String) COMMENT 'configured source the hold is limited to; empty: every source',
    `reason` Nullable(String) COMMENT 'why the data is held (case, ticket)',
    `created_at` Nullable(DateTime('UTC')) COMMENT 'when the hold was added (UTC)',
    `removed_at` Nullable(DateTime('UTC')) COMMENT 'when it was removed; NULL while active',
    `version` UInt64 COMMENT 'increases with each update of the row'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', '_ccwh_holds_local', cityHash64(`hold_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_erasures_local` ON CLUSTER `ccwh_cluster`
(
    `erasure_id` String COMMENT 'erasure id (e-…)',
    `requested_at` Nullable(DateTime('UTC')) COMMENT 'when the erasure started (UTC)',
    `finished_at` Nullable(DateTime('UTC')) COMMENT 'when it ended; NULL while running',
    `status` LowCardinality(Nullable(String)) COMMENT 'running, succeeded or failed',
    `subject_kinds` Array(String) COMMENT 'identifiers given: email, phone, customer-id',
    `subject_hashes` Array(String) COMMENT 'kind:hex keyed hashes of the normalized identifiers, given and found on the customer\'s own records (phone-suffix: entries make national and international forms match)',
    `conversation_hashes` Array(String) COMMENT 'keyed hashes of the erased conversations (source and conversation id)',
    `source` Nullable(String) COMMENT 'configured source the erasure was limited to; empty: every source',
    `reason` Nullable(String) COMMENT 'reason or ticket given by the operator',
    `rows_deleted` Nullable(String) COMMENT 'JSON object table → rows deleted',
    `rows_updated` Nullable(String) COMMENT 'JSON object table → rows whose personal columns were blanked or rewritten',
    `archive_files` Nullable(Int64) COMMENT 'Parquet archive files rewritten',
    `archive_rows_removed` Nullable(Int64) COMMENT 'rows removed from archive files',
    `error` Nullable(String) COMMENT 'error text when failed',
    `version` UInt64 COMMENT 'increases with each update of the row'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/_ccwh_erasures', '{replica}', `version`)
ORDER BY (`erasure_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_erasures` ON CLUSTER `ccwh_cluster`
(
    `erasure_id` String COMMENT 'erasure id (e-…)',
    `requested_at` Nullable(DateTime('UTC')) COMMENT 'when the erasure started (UTC)',
    `finished_at` Nullable(DateTime('UTC')) COMMENT 'when it ended; NULL while running',
    `status` LowCardinality(Nullable(String)) COMMENT 'running, succeeded or failed',
    `subject_kinds` Array(String) COMMENT 'identifiers given: email, phone, customer-id',
    `subject_hashes` Array(String) COMMENT 'kind:hex keyed hashes of the normalized identifiers, given and found on the customer\'s own records (phone-suffix: entries make national and international forms match)',
    `conversation_hashes` Array(String) COMMENT 'keyed hashes of the erased conversations (source and conversation id)',
    `source` Nullable(String) COMMENT 'configured source the erasure was limited to; empty: every source',
    `reason` Nullable(String) COMMENT 'reason or ticket given by the operator',
    `rows_deleted` Nullable(String) COMMENT 'JSON object table → rows deleted',
    `rows_updated` Nullable(String) COMMENT 'JSON object table → rows whose personal columns were blanked or rewritten',
    `archive_files` Nullable(Int64) COMMENT 'Parquet archive files rewritten',
    `archive_rows_removed` Nullable(Int64) COMMENT 'rows removed from archive files',
    `error` Nullable(String) COMMENT 'error text when failed',
    `version` UInt64 COMMENT 'increases with each update of the row'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', '_ccwh_erasures_local', cityHash64(`erasure_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_keys_local` ON CLUSTER `ccwh_cluster`
(
    `name` String COMMENT 'key name',
    `key` String COMMENT 'hex-encoded random key',
    `created_at` DateTime('UTC') COMMENT 'when it was created',
    `version` UInt64 COMMENT 'row version'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/_ccwh_keys', '{replica}', `version`)
ORDER BY (`name`, `created_at`, `key`);

CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_keys` ON CLUSTER `ccwh_cluster`
(
    `name` String COMMENT 'key name',
    `key` String COMMENT 'hex-encoded random key',
    `created_at` DateTime('UTC') COMMENT 'when it was created',
    `version` UInt64 COMMENT 'row version'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', '_ccwh_keys_local', cityHash64(`name`, `key`));

CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_retention_local` ON CLUSTER `ccwh_cluster`
(
    `run_id` String COMMENT 'retention run id',
    `table` String COMMENT 'the table retention was applied to',
    `started_at` DateTime('UTC') COMMENT 'when the run started',
    `finished_at` Nullable(DateTime('UTC')) COMMENT 'when this table was done',
    `retention_days` Nullable(Int64) COMMENT 'configured retention, days',
    `cutoff` Nullable(DateTime('UTC')) COMMENT 'rows older than this expired (UTC)',
    `mode` LowCardinality(Nullable(String)) COMMENT 'job (partitions dropped, rows deleted by the job) or ttl (ClickHouse TTL expires the rows; the job pruned the archive only)',
    `partitions_dropped` Nullable(Int64) COMMENT 'whole partitions dropped',
    `rows_deleted` Nullable(Int64) COMMENT 'expired rows removed from ClickHouse (dropped partitions and the DELETE mutation)',
    `rows_held` Nullable(Int64) COMMENT 'expired rows kept because a legal hold covers them',
    `archive_files_removed` Nullable(Int64) COMMENT 'Parquet files deleted (and dropped from their manifests)',
    `archive_rows_removed` Nullable(Int64) COMMENT 'rows in the deleted Parquet files',
    `archive_files_held` Nullable(Int64) COMMENT 'expired Parquet files kept because they hold rows under a legal hold',
    `archive_files_young` Nullable(Int64) COMMENT 'Parquet files with expired rows kept because they also hold rows not yet expired',
    `status` LowCardinality(Nullable(String)) COMMENT 'succeeded or failed',
    `error` Nullable(String) COMMENT 'error text when failed',
    `version` UInt64 COMMENT 'increases with each update of the row'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/_ccwh_retention', '{replica}', `version`)
PARTITION BY toYYYYMM(`started_at`)
ORDER BY (`table`, `started_at`, `run_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_retention` ON CLUSTER `ccwh_cluster`
(
    `run_id` String COMMENT 'retention run id',
    `table` String COMMENT 'the table retention was applied to',
    `started_at` DateTime('UTC') COMMENT 'when the run started',
    `finished_at` Nullable(DateTime('UTC')) COMMENT 'when this table was done',
    `retention_days` Nullable(Int64) COMMENT 'configured retention, days',
    `cutoff` Nullable(DateTime('UTC')) COMMENT 'rows older than this expired (UTC)',
    `mode` LowCardinality(Nullable(String)) COMMENT 'job (partitions dropped, rows deleted by the job) or ttl (ClickHouse TTL expires the rows; the job pruned the archive only)',
    `partitions_dropped` Nullable(Int64) COMMENT 'whole partitions dropped',
    `rows_deleted` Nullable(Int64) COMMENT 'expired rows removed from ClickHouse (dropped partitions and the DELETE mutation)',
    `rows_held` Nullable(Int64) COMMENT 'expired rows kept because a legal hold covers them',
    `archive_files_removed` Nullable(Int64) COMMENT 'Parquet files deleted (and dropped from their manifests)',
    `archive_rows_removed` Nullable(Int64) COMMENT 'rows in the deleted Parquet files',
    `archive_files_held` Nullable(Int64) COMMENT 'expired Parquet files kept because they hold rows under a legal hold',
    `archive_files_young` Nullable(Int64) COMMENT 'Parquet files with expired rows kept because they also hold rows not yet expired',
    `status` LowCardinality(Nullable(String)) COMMENT 'succeeded or failed',
    `error` Nullable(String) COMMENT 'error text when failed',
    `version` UInt64 COMMENT 'increases with each update of the row'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', '_ccwh_retention_local', cityHash64(`table`, `run_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`chatwoot_agents_local` ON CLUSTER `ccwh_cluster`
(
    `id` Int64 COMMENT 'user id',
    `uid` Nullable(String) COMMENT 'uid',
    `name` Nullable(String) COMMENT 'name',
    `available_name` Nullable(String) COMMENT 'available name',
    `display_name` Nullable(String) COMMENT 'display name',
    `email` Nullable(String) COMMENT 'e-mail',
    `account_id` Nullable(Int64) COMMENT 'account id',
    `role` LowCardinality(Nullable(String)) COMMENT 'agent or administrator',
    `confirmed` Nullable(UInt8) COMMENT 'confirmed',
    `availability_status` LowCardinality(Nullable(String)) COMMENT 'online, busy, offline',
    `thumbnail` Nullable(String) COMMENT 'avatar URL',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/chatwoot_agents', '{replica}', `_version`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`chatwoot_agents` ON CLUSTER `ccwh_cluster`
(
    `id` Int64 COMMENT 'user id',
    `uid` Nullable(String) COMMENT 'uid',
    `name` Nullable(String) COMMENT 'name',
    `available_name` Nullable(String) COMMENT 'available name',
    `display_name` Nullable(String) COMMENT 'display name',
    `email` Nullable(String) COMMENT 'e-mail',
    `account_id` Nullable(Int64) COMMENT 'account id',
    `role` LowCardinality(Nullable(String)) COMMENT 'agent or administrator',
    `confirmed` Nullable(UInt8) COMMENT 'confirmed',
    `availability_status` LowCardinality(Nullable(String)) COMMENT 'online, busy, offline',
    `thumbnail` Nullable(String) COMMENT 'avatar URL',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'chatwoot_agents_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`chatwoot_contacts_local` ON CLUSTER `ccwh_cluster`
(
    `id` Int64 COMMENT 'contact id',
    `name` Nullable(String) COMMENT 'name',
    `email` Nullable(String) COMMENT 'e-mail',
    `phone_number` Nullable(String) COMMENT 'phone number',
    `thumbnail` Nullable(String) COMMENT 'avatar URL',
    `additional_attributes` Nullable(String) COMMENT 'additional attributes (JSON object)',
    `contact_inboxes` Nullable(String) COMMENT 'contact inboxes (JSON array of {source_id, inbox})',
    `availability_status` LowCardinality(Nullable(String)) COMMENT 'online or offline',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/chatwoot_contacts', '{replica}', `_version`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`chatwoot_contacts` ON CLUSTER `ccwh_cluster`
(
    `id` Int64 COMMENT 'contact id',
    `name` Nullable(String) COMMENT 'name',
    `email` Nullable(String) COMMENT 'e-mail',
    `phone_number` Nullable(String) COMMENT 'phone number',
    `thumbnail` Nullable(String) COMMENT 'avatar URL',
    `additional_attributes` Nullable(String) COMMENT 'additional attributes (JSON object)',
    `contact_inboxes` Nullable(String) COMMENT 'contact inboxes (JSON array of {source_id, inbox})',
    `availability_status` LowCardinality(Nullable(String)) COMMENT 'online or offline',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'chatwoot_contacts_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`chatwoot_conversations_local` ON CLUSTER `ccwh_cluster`
(
    `id` Int64 COMMENT 'conversation id',
    `account_id` Nullable(Int64) COMMENT 'account id',
    `inbox_id` Nullable(Int64) COMMENT 'inbox id',
    `status` LowCardinality(Nullable(String)) COMMENT 'open, resolved, bot (pending, snoozed on newer servers)',
    `timestamp` DateTime('UTC') COMMENT 'when the conversation was created per the seed (epoch → UTC)',
    `contact_last_seen_at` Nullable(DateTime('UTC')) COMMENT 'contact last seen (epoch → UTC)',
    `agent_last_seen_at` Nullable(DateTime('UTC')) COMMENT 'agent last seen (epoch → UTC)',
    `unread_count` Nullable(Int64) COMMENT 'unread messages',
    `additional_attributes` Nullable(String) COMMENT 'additional attributes (JSON object)',
    `display_id` Nullable(Int64) COMMENT 'display id (per-account number)',
    `sender_id` Nullable(Int64) COMMENT 'meta.sender.id: the contact',
    `sender_name` Nullable(String) COMMENT 'meta.sender.name',
    `sender_thumbnail` Nullable(String) COMMENT 'meta.sender.thumbnail',
    `sender_channel` LowCardinality(Nullable(String)) COMMENT 'meta.sender.channel: channel type',
    `assignee_id` Nullable(Int64) COMMENT 'meta.assignee.id: the assigned agent',
    `assignee_name` Nullable(String) COMMENT 'meta.assignee.name',
    `assignee_email` Nullable(String) COMMENT 'meta.assignee.email',
    `message_count` Nullable(Int64) COMMENT 'ccwh: messages loaded for the conversation in this run',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/chatwoot_conversations', '{replica}', `_version`)
PARTITION BY toYYYYMM(`timestamp`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`chatwoot_conversations` ON CLUSTER `ccwh_cluster`
(
    `id` Int64 COMMENT 'conversation id',
    `account_id` Nullable(Int64) COMMENT 'account id',
    `inbox_id` Nullable(Int64) COMMENT 'inbox id',
    `status` LowCardinality(Nullable(String)) COMMENT 'open, resolved, bot (pending, snoozed on newer servers)',
    `timestamp` DateTime('UTC') COMMENT 'when the conversation was created per the seed (epoch → UTC)',
    `contact_last_seen_at` Nullable(DateTime('UTC')) COMMENT 'contact last seen (epoch → UTC)',
    `agent_last_seen_at` Nullable(DateTime('UTC')) COMMENT 'agent last seen (epoch → UTC)',
    `unread_count` Nullable(Int64) COMMENT 'unread messages',
    `additional_attributes` Nullable(String) COMMENT 'additional attributes (JSON object)',
    `display_id` Nullable(Int64) COMMENT 'display id (per-account number)',
    `sender_id` Nullable(Int64) COMMENT 'meta.sender.id: the contact',
    `sender_name` Nullable(String) COMMENT 'meta.sender.name',
    `sender_thumbnail` Nullable(String) COMMENT 'meta.sender.thumbnail',
    `sender_channel` LowCardinality(Nullable(String)) COMMENT 'meta.sender.channel: channel type',
    `assignee_id` Nullable(Int64) COMMENT 'meta.assignee.id: the assigned agent',
    `assignee_name` Nullable(String) COMMENT 'meta.assignee.name',
    `assignee_email` Nullable(String) COMMENT 'meta.assignee.email',
    `message_count` Nullable(Int64) COMMENT 'ccwh: messages loaded for the conversation in this run',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'chatwoot_conversations_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`chatwoot_inboxes_local` ON CLUSTER `ccwh_cluster`
(
    `id` Int64 COMMENT 'inbox id',
    `name` Nullable(String) COMMENT 'name',
    `website_url` Nullable(String) COMMENT 'website URL',
    `channel_type` LowCardinality(Nullable(String)) COMMENT 'channel type, e.g. Channel::WebWidget',
    `avatar_url` Nullable(String) COMMENT 'avatar URL',
    `widget_color` Nullable(String) COMMENT 'widget colour',
    `website_token` Nullable(String) COMMENT 'website token',
    `enable_auto_assignment` Nullable(UInt8) COMMENT 'auto assignment enabled',
    `web_widget_script` Nullable(String) COMMENT 'widget script',
    `welcome_title` Nullable(String) COMMENT 'welcome title',
    `welcome_tagline` Nullable(String) COMMENT 'welcome tagline',
    `greeting_enabled` Nullable(UInt8) COMMENT 'greeting enabled',
    `greeting_message` Nullable(String) COMMENT 'greeting message',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/chatwoot_inboxes', '{replica}', `_version`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`chatwoot_inboxes` ON CLUSTER `ccwh_cluster`
(
    `id` Int64 COMMENT 'inbox id',
    `name` Nullable(String) COMMENT 'name',
    `website_url` Nullable(String) COMMENT 'website URL',
    `channel_type` LowCardinality(Nullable(String)) COMMENT 'channel type, e.g. Channel::WebWidget',
    `avatar_url` Nullable(String) COMMENT 'avatar URL',
    `widget_color` Nullable(String) COMMENT 'widget colour',
    `website_token` Nullable(String) COMMENT 'website token',
    `enable_auto_assignment` Nullable(UInt8) COMMENT 'auto assignment enabled',
    `web_widget_script` Nullable(String) COMMENT 'widget script',
    `welcome_title` Nullable(String) COMMENT 'welcome title',
    `welcome_tagline` Nullable(String) COMMENT 'welcome tagline',
    `greeting_enabled` Nullable(UInt8) COMMENT 'greeting enabled',
    `greeting_message` Nullable(String) COMMENT 'greeting message',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'chatwoot_inboxes_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`chatwoot_messages_local` ON CLUSTER `ccwh_cluster`
(
    `id` Int64 COMMENT 'message id',
    `conversation_id` Int64 COMMENT 'conversation id',
    `content` Nullable(String) COMMENT 'text content',
    `content_type` LowCardinality(Nullable(String)) COMMENT 'text, input_select, cards, form (input_email, article on write)',
    `content_attributes` Nullable(String) COMMENT 'content attributes (JSON object)',
    `message_type` LowCardinality(Nullable(String)) COMMENT 'incoming, outgoing, activity, template (integers 0–3 mapped)',
    `created_at` DateTime('UTC') COMMENT 'creation time (epoch → UTC)',
    `private` Nullable(UInt8) COMMENT 'private note',
    `attachment` Nullable(String) COMMENT 'attachment (JSON; attachments[] on newer servers go to _extra)',
    `sender_id` Nullable(Int64) COMMENT 'sender.id',
    `sender_type` LowCardinality(Nullable(String)) COMMENT 'sender.type: contact, user, agent_bot',
    `sender_name` Nullable(String) COMMENT 'sender.name',
    `source_id` Nullable(Int64) COMMENT 'source id (extended_message)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/chatwoot_messages', '{replica}', `_version`)
PARTITION BY toYYYYMM(`created_at`)
ORDER BY (`_source`, `conversation_id`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`chatwoot_messages` ON CLUSTER `ccwh_cluster`
(
    `id` Int64 COMMENT 'message id',
    `conversation_id` Int64 COMMENT 'conversation id',
    `content` Nullable(String) COMMENT 'text content',
    `content_type` LowCardinality(Nullable(String)) COMMENT 'text, input_select, cards, form (input_email, article on write)',
    `content_attributes` Nullable(String) COMMENT 'content attributes (JSON object)',
    `message_type` LowCardinality(Nullable(String)) COMMENT 'incoming, outgoing, activity, template (integers 0–3 mapped)',
    `created_at` DateTime('UTC') COMMENT 'creation time (epoch → UTC)',
    `private` Nullable(UInt8) COMMENT 'private note',
    `attachment` Nullable(String) COMMENT 'attachment (JSON; attachments[] on newer servers go to _extra)',
    `sender_id` Nullable(Int64) COMMENT 'sender.id',
    `sender_type` LowCardinality(Nullable(String)) COMMENT 'sender.type: contact, user, agent_bot',
    `sender_name` Nullable(String) COMMENT 'sender.name',
    `source_id` Nullable(Int64) COMMENT 'source id (extended_message)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'chatwoot_messages_local', cityHash64(`conversation_id`, `id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`chatwoot_teams_local` ON CLUSTER `ccwh_cluster`
(
    `id` Int64 COMMENT 'team id',
    `name` Nullable(String) COMMENT 'name',
    `description` Nullable(String) COMMENT 'description',
    `allow_auto_assign` Nullable(UInt8) COMMENT 'auto assignment allowed',
    `account_id` Nullable(Int64) COMMENT 'account id',
    `is_member` Nullable(UInt8) COMMENT 'the token\'s user is a member',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/chatwoot_teams', '{replica}', `_version`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`chatwoot_teams` ON CLUSTER `ccwh_cluster`
(
    `id` Int64 COMMENT 'team id',
    `name` Nullable(String) COMMENT 'name',
    `description` Nullable(String) COMMENT 'description',
    `allow_auto_assign` Nullable(UInt8) COMMENT 'auto assignment allowed',
    `account_id` Nullable(Int64) COMMENT 'account id',
    `is_member` Nullable(UInt8) COMMENT 'the token\'s user is a member',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'chatwoot_teams_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_automation_usage_local` ON CLUSTER `ccwh_cluster`
(
    `account_id` String COMMENT 'ccwh: the configured account id',
    `ccwh_snapshot_at` DateTime('UTC') COMMENT 'ccwh: when the snapshot was taken (UTC, whole minute)',
    `allowed_workflow_count` Nullable(Int64) COMMENT 'workflows allowed per month',
    `allowed_overage` Nullable(UInt8) COMMENT 'overage allowed',
    `overage_price` Nullable(Float64) COMMENT 'price per workflow over the quota (currency not documented)',
    `executed_workflow_count` Nullable(Int64) COMMENT 'workflows executed since the count started',
    `count_started_month` Nullable(Int64) COMMENT 'month the count started',
    `count_started_year` Nullable(Int64) COMMENT 'year the count started',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/cpaas_automation_usage', '{replica}', `_version`)
PARTITION BY toYYYYMM(`ccwh_snapshot_at`)
ORDER BY (`_source`, `account_id`, `ccwh_snapshot_at`);

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_automation_usage` ON CLUSTER `ccwh_cluster`
(
    `account_id` String COMMENT 'ccwh: the configured account id',
    `ccwh_snapshot_at` DateTime('UTC') COMMENT 'ccwh: when the snapshot was taken (UTC, whole minute)',
    `allowed_workflow_count` Nullable(Int64) COMMENT 'workflows allowed per month',
    `allowed_overage` Nullable(UInt8) COMMENT 'overage allowed',
    `overage_price` Nullable(Float64) COMMENT 'price per workflow over the quota (currency not documented)',
    `executed_workflow_count` Nullable(Int64) COMMENT 'workflows executed since the count started',
    `count_started_month` Nullable(Int64) COMMENT 'month the count started',
    `count_started_year` Nullable(Int64) COMMENT 'year the count started',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'cpaas_automation_usage_local', cityHash64(`account_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_automation_usage_history_local` ON CLUSTER `ccwh_cluster`
(
    `id` Nullable(String) COMMENT 'record id',
    `account_id` String COMMENT 'account id',
    `year` Int64 COMMENT 'year',
    `month` Int64 COMMENT 'month 1–12',
    `executed_workflow_count` Nullable(Int64) COMMENT 'workflows executed in the month',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/cpaas_automation_usage_history', '{replica}', `_version`)
ORDER BY (`_source`, `account_id`, `year`, `month`);

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_automation_usage_history` ON CLUSTER `ccwh_cluster`
(
    `id` Nullable(String) COMMENT 'record id',
    `account_id` String COMMENT 'account id',
    `year` Int64 COMMENT 'year',
    `month` Int64 COMMENT 'month 1–12',
    `executed_workflow_count` Nullable(Int64) COMMENT 'workflows executed in the month',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'cpaas_automation_usage_history_local', cityHash64(`account_id`, `year`, `month`));

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_chatapps_message_logs_local` ON CLUSTER `ccwh_cluster`
(
    `ccwh_row_key` String COMMENT 'ccwh: natural key — umid/CallId when the file has it, else SHA-256 of the row\'s values',
    `umid` Nullable(String) COMMENT 'unique message id generated by 8x8',
    `sub_account_id` Nullable(String) COMMENT 'subaccount',
    `timestamp` DateTime('UTC') COMMENT 'message time (UTC)',
    `channel` LowCardinality(Nullable(String)) COMMENT 'messaging app channel (whatsapp, viber, rcs, line, …)',
    `direction` LowCardinality(Nullable(String)) COMMENT 'inbound or outbound',
    `status` LowCardinality(Nullable(String)) COMMENT 'message status',
    `status_detail` Nullable(String) COMMENT 'status detail / error description',
    `channel_user_id` Nullable(String) COMMENT 'the end user\'s id on the channel (masked by default)',
    `country` LowCardinality(Nullable(String)) COMMENT 'two-letter ISO 3166 country code',
    `type` LowCardinality(Nullable(String)) COMMENT 'message type (text, image, template, …)',
    `content` Nullable(String) COMMENT 'message content (masked by default)',
    `price` Nullable(Float64) COMMENT 'price of the message',
    `currency` LowCardinality(Nullable(String)) COMMENT 'currency of price',
    `ccwh_export_job_id` Nullable(String) COMMENT 'ccwh: the export job (cpaas_export_jobs.job_id) the row was downloaded from',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/cpaas_chatapps_message_logs', '{replica}', `_version`)
PARTITION BY toYYYYMM(`timestamp`)
ORDER BY (`_source`, `ccwh_row_key`);

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_chatapps_message_logs` ON CLUSTER `ccwh_cluster`
(
    `ccwh_row_key` String COMMENT 'ccwh: natural key — umid/CallId when the file has it, else SHA-256 of the row\'s values',
    `umid` Nullable(String) COMMENT 'unique message id generated by 8x8',
    `sub_account_id` Nullable(String) COMMENT 'subaccount',
    `timestamp` DateTime('UTC') COMMENT 'message time (UTC)',
    `channel` LowCardinality(Nullable(String)) COMMENT 'messaging app channel (whatsapp, viber, rcs, line, …)',
    `direction` LowCardinality(Nullable(String)) COMMENT 'inbound or outbound',
    `status` LowCardinality(Nullable(String)) COMMENT 'message status',
    `status_detail` Nullable(String) COMMENT 'status detail / error description',
    `channel_user_id` Nullable(String) COMMENT 'the end user\'s id on the channel (masked by default)',
    `country` LowCardinality(Nullable(String)) COMMENT 'two-letter ISO 3166 country code',
    `type` LowCardinality(Nullable(String)) COMMENT 'message type (text, image, template, …)',
    `content` Nullable(String) COMMENT 'message content (masked by default)',
    `price` Nullable(Float64) COMMENT 'price of the message',
    `currency` LowCardinality(Nullable(String)) COMMENT 'currency of price',
    `ccwh_export_job_id` Nullable(String) COMMENT 'ccwh: the export job (cpaas_export_jobs.job_id) the row was downloaded from',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'cpaas_chatapps_message_logs_local', cityHash64(`ccwh_row_key`));

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_export_jobs_local` ON CLUSTER `ccwh_cluster`
(
    `job_id` String COMMENT 'export job id returned by POST …/messages/exports (opaque, 64 chars in the doc)',
    `family` LowCardinality(Nullable(String)) COMMENT 'log family: chatapps, sms or voice',
    `sub_account_id` Nullable(String) COMMENT 'subaccount the export ran for',
    `window_from` DateTime('UTC') COMMENT 'from sent with the job (UTC, inclusive)',
    `window_to` Nullable(DateTime('UTC')) COMMENT 'to sent with the job (UTC)',
    `status` LowCardinality(Nullable(String)) COMMENT 'final job status: succeeded, empty, failed, cancelled or error (a failed job is kept: KeepOnFailure)',
    `files` Nullable(Int64) COMMENT 'number of CSV links in data',
    `rows` Nullable(Int64) COMMENT 'CSV rows downloaded from the job\'s files',
    `expires` Nullable(DateTime('UTC')) COMMENT 'when the download links expire (expires; default one month after success)',
    `started_at` Nullable(DateTime('UTC')) COMMENT 'when ccwh started the job',
    `finished_at` Nullable(DateTime('UTC')) COMMENT 'when the job reached its final status',
    `polls` Nullable(Int64) COMMENT 'status requests until the final status',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/cpaas_export_jobs', '{replica}', `_version`)
PARTITION BY toYYYYMM(`window_from`)
ORDER BY (`_source`, `job_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_export_jobs` ON CLUSTER `ccwh_cluster`
(
    `job_id` String COMMENT 'export job id returned by POST …/messages/exports (opaque, 64 chars in the doc)',
    `family` LowCardinality(Nullable(String)) COMMENT 'log family: chatapps, sms or voice',
    `sub_account_id` Nullable(String) COMMENT 'subaccount the export ran for',
    `window_from` DateTime('UTC') COMMENT 'from sent with the job (UTC, inclusive)',
    `window_to` Nullable(DateTime('UTC')) COMMENT 'to sent with the job (UTC)',
    `status` LowCardinality(Nullable(String)) COMMENT 'final job status: succeeded, empty, failed, cancelled or error (a failed job is kept: KeepOnFailure)',
    `files` Nullable(Int64) COMMENT 'number of CSV links in data',
    `rows` Nullable(Int64) COMMENT 'CSV rows downloaded from the job\'s files',
    `expires` Nullable(DateTime('UTC')) COMMENT 'when the download links expire (expires; default one month after success)',
    `started_at` Nullable(DateTime('UTC')) COMMENT 'when ccwh started the job',
    `finished_at` Nullable(DateTime('UTC')) COMMENT 'when the job reached its final status',
    `polls` Nullable(Int64) COMMENT 'status requests until the final status',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'cpaas_export_jobs_local', cityHash64(`job_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_sms_balance_local` ON CLUSTER `ccwh_cluster`
(
    `account_id` String COMMENT 'ccwh: the configured account id',
    `ccwh_snapshot_at` DateTime('UTC') COMMENT 'ccwh: when the snapshot was taken (UTC, whole minute)',
    `balance` Nullable(Float64) COMMENT 'balance value',
    `currency` LowCardinality(Nullable(String)) COMMENT 'currency',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/cpaas_sms_balance', '{replica}', `_version`)
PARTITION BY toYYYYMM(`ccwh_snapshot_at`)
ORDER BY (`_source`, `account_id`, `ccwh_snapshot_at`);

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_sms_balance` ON CLUSTER `ccwh_cluster`
(
    `account_id` String COMMENT 'ccwh: the configured account id',
    `ccwh_snapshot_at` DateTime('UTC') COMMENT 'ccwh: when the snapshot was taken (UTC, whole minute)',
    `balance` Nullable(Float64) COMMENT 'balance value',
    `currency` LowCardinality(Nullable(String)) COMMENT 'currency',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'cpaas_sms_balance_local', cityHash64(`account_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_sms_message_logs_local` ON CLUSTER `ccwh_cluster`
(
    `ccwh_row_key` String COMMENT 'ccwh: natural key — umid/CallId when the file has it, else SHA-256 of the row\'s values',
    `umid` Nullable(String) COMMENT 'unique message id generated by 8x8',
    `sub_account_id` Nullable(String) COMMENT 'subaccount',
    `timestamp` DateTime('UTC') COMMENT 'message time (UTC)',
    `direction` LowCardinality(Nullable(String)) COMMENT 'inbound or outbound',
    `source` Nullable(String) COMMENT 'sender id or number',
    `destination` Nullable(String) COMMENT 'recipient number (masked by default)',
    `country` LowCardinality(Nullable(String)) COMMENT 'two-letter ISO 3166 country code',
    `status` LowCardinality(Nullable(String)) COMMENT 'delivery status',
    `status_detail` Nullable(String) COMMENT 'status detail / error description',
    `encoding` LowCardinality(Nullable(String)) COMMENT 'GSM7, UCS2, …',
    `sms_count` Nullable(Int64) COMMENT 'number of SMS parts',
    `content` Nullable(String) COMMENT 'message text (masked by default)',
    `price` Nullable(Float64) COMMENT 'price of the message',
    `currency` LowCardinality(Nullable(String)) COMMENT 'currency of price',
    `ccwh_export_job_id` Nullable(String) COMMENT 'ccwh: the export job (cpaas_export_jobs.job_id) the row was downloaded from',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/cpaas_sms_message_logs', '{replica}', `_version`)
PARTITION BY toYYYYMM(`timestamp`)
ORDER BY (`_source`, `ccwh_row_key`);

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_sms_message_logs` ON CLUSTER `ccwh_cluster`
(
    `ccwh_row_key` String COMMENT 'ccwh: natural key — umid/CallId when the file has it, else SHA-256 of the row\'s values',
    `umid` Nullable(String) COMMENT 'unique message id generated by 8x8',
    `sub_account_id` Nullable(String) COMMENT 'subaccount',
    `timestamp` DateTime('UTC') COMMENT 'message time (UTC)',
    `direction` LowCardinality(Nullable(String)) COMMENT 'inbound or outbound',
    `source` Nullable(String) COMMENT 'sender id or number',
    `destination` Nullable(String) COMMENT 'recipient number (masked by default)',
    `country` LowCardinality(Nullable(String)) COMMENT 'two-letter ISO 3166 country code',
    `status` LowCardinality(Nullable(String)) COMMENT 'delivery status',
    `status_detail` Nullable(String) COMMENT 'status detail / error description',
    `encoding` LowCardinality(Nullable(String)) COMMENT 'GSM7, UCS2, …',
    `sms_count` Nullable(Int64) COMMENT 'number of SMS parts',
    `content` Nullable(String) COMMENT 'message text (masked by default)',
    `price` Nullable(Float64) COMMENT 'price of the message',
    `currency` LowCardinality(Nullable(String)) COMMENT 'currency of price',
    `ccwh_export_job_id` Nullable(String) COMMENT 'ccwh: the export job (cpaas_export_jobs.job_id) the row was downloaded from',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'cpaas_sms_message_logs_local', cityHash64(`ccwh_row_key`));

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_voice_call_logs_local` ON CLUSTER `ccwh_cluster`
(
    `ccwh_row_key` String COMMENT 'ccwh: natural key — umid/CallId when the file has it, else SHA-256 of the row\'s values',
    `session_id` Nullable(String) COMMENT 'voice session id',
    `call_id` Nullable(String) COMMENT 'call id',
    `account_id` Nullable(String) COMMENT 'account',
    `sub_account_id` Nullable(String) COMMENT 'subaccount',
    `timestamp` DateTime('UTC') COMMENT 'call time (UTC)',
    `direction` LowCardinality(Nullable(String)) COMMENT 'inbound or outbound',
    `source` Nullable(String) COMMENT 'calling number (masked by default)',
    `destination` Nullable(String) COMMENT 'called number (masked by default)',
    `status` LowCardinality(Nullable(String)) COMMENT 'call status',
    `duration` Nullable(Int64) COMMENT 'call duration (seconds)',
    `price` Nullable(Float64) COMMENT 'price of the call',
    `currency` LowCardinality(Nullable(String)) COMMENT 'currency of Price',
    `ccwh_export_job_id` Nullable(String) COMMENT 'ccwh: the export job (cpaas_export_jobs.job_id) the row was downloaded from',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/cpaas_voice_call_logs', '{replica}', `_version`)
PARTITION BY toYYYYMM(`timestamp`)
ORDER BY (`_source`, `ccwh_row_key`);

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_voice_call_logs` ON CLUSTER `ccwh_cluster`
(
    `ccwh_row_key` String COMMENT 'ccwh: natural key — umid/CallId when the file has it, else SHA-256 of the row\'s values',
    `session_id` Nullable(String) COMMENT 'voice session id',
    `call_id` Nullable(String) COMMENT 'call id',
    `account_id` Nullable(String) COMMENT 'account',
    `sub_account_id` Nullable(String) COMMENT 'subaccount',
    `timestamp` DateTime('UTC') COMMENT 'call time (UTC)',
    `direction` LowCardinality(Nullable(String)) COMMENT 'inbound or outbound',
    `source` Nullable(String) COMMENT 'calling number (masked by default)',
    `destination` Nullable(String) COMMENT 'called number (masked by default)',
    `status` LowCardinality(Nullable(String)) COMMENT 'call status',
    `duration` Nullable(Int64) COMMENT 'call duration (seconds)',
    `price` Nullable(Float64) COMMENT 'price of the call',
    `currency` LowCardinality(Nullable(String)) COMMENT 'currency of Price',
    `ccwh_export_job_id` Nullable(String) COMMENT 'ccwh: the export job (cpaas_export_jobs.job_id) the row was downloaded from',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'cpaas_voice_call_logs_local', cityHash64(`ccwh_row_key`));

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_voice_numbers_local` ON CLUSTER `ccwh_cluster`
(
    `msisdn` String COMMENT 'number, E.164',
    `sub_account_id` Nullable(String) COMMENT 'ccwh: the configured subaccount',
    `date_created` Nullable(DateTime('UTC')) COMMENT 'when the number was assigned to the subaccount',
    `date_updated` Nullable(DateTime('UTC')) COMMENT 'last change of the number\'s information',
    `country_code` LowCardinality(Nullable(String)) COMMENT 'two-letter country code',
    `operational_status` LowCardinality(Nullable(String)) COMMENT 'Active, Expiring or Inactive',
    `reference_id` Nullable(String) COMMENT 'number-range id',
    `rental_price` Nullable(Float64) COMMENT 'recurring monthly fee',
    `incoming_rate` Nullable(Float64) COMMENT 'per-minute inbound fee',
    `billing_unit` Nullable(Int64) COMMENT 'billing increment for inbound call duration (unit not documented)',
    `uri` Nullable(String) COMMENT 'single-number URI',
    `number_health_check_enabled` Nullable(UInt8) COMMENT 'health checks enabled',
    `billing_currency` LowCardinality(Nullable(String)) COMMENT 'currency of the prices',
    `number_type` LowCardinality(Nullable(String)) COMMENT 'number type',
    `number_health_is_healthy` Nullable(UInt8) COMMENT 'numberHealth.isHealthy',
    `number_health_status` LowCardinality(Nullable(String)) COMMENT 'numberHealth.status',
    `number_health_last_checked_time` Nullable(DateTime('UTC')) COMMENT 'numberHealth.lastCheckedTime',
    `last_updated_at` Nullable(DateTime('UTC')) COMMENT 'the list\'s lastUpdatedAt',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/cpaas_voice_numbers', '{replica}', `_version`)
ORDER BY (`_source`, `msisdn`);

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_voice_numbers` ON CLUSTER `ccwh_cluster`
(
    `msisdn` String COMMENT 'number, E.164',
    `sub_account_id` Nullable(String) COMMENT 'ccwh: the configured subaccount',
    `date_created` Nullable(DateTime('UTC')) COMMENT 'when the number was assigned to the subaccount',
    `date_updated` Nullable(DateTime('UTC')) COMMENT 'last change of the number\'s information',
    `country_code` LowCardinality(Nullable(String)) COMMENT 'two-letter country code',
    `operational_status` LowCardinality(Nullable(String)) COMMENT 'Active, Expiring or Inactive',
    `reference_id` Nullable(String) COMMENT 'number-range id',
    `rental_price` Nullable(Float64) COMMENT 'recurring monthly fee',
    `incoming_rate` Nullable(Float64) COMMENT 'per-minute inbound fee',
    `billing_unit` Nullable(Int64) COMMENT 'billing increment for inbound call duration (unit not documented)',
    `uri` Nullable(String) COMMENT 'single-number URI',
    `number_health_check_enabled` Nullable(UInt8) COMMENT 'health checks enabled',
    `billing_currency` LowCardinality(Nullable(String)) COMMENT 'currency of the prices',
    `number_type` LowCardinality(Nullable(String)) COMMENT 'number type',
    `number_health_is_healthy` Nullable(UInt8) COMMENT 'numberHealth.isHealthy',
    `number_health_status` LowCardinality(Nullable(String)) COMMENT 'numberHealth.status',
    `number_health_last_checked_time` Nullable(DateTime('UTC')) COMMENT 'numberHealth.lastCheckedTime',
    `last_updated_at` Nullable(DateTime('UTC')) COMMENT 'the list\'s lastUpdatedAt',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'cpaas_voice_numbers_local', cityHash64(`msisdn`));

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_workflow_definitions_local` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'definition id (uuid); the examples put it inside definition',
    `version` Int64 COMMENT 'definition version (>= 1)',
    `name` Nullable(String) COMMENT 'workflow name (definition.name)',
    `account_id` Nullable(String) COMMENT 'account id',
    `sub_account_id` Nullable(String) COMMENT 'subaccount (spelled subaccountId in every example)',
    `trigger` LowCardinality(Nullable(String)) COMMENT 'inbound_sms, inbound_chat_apps or http_request',
    `status` LowCardinality(Nullable(String)) COMMENT 'enabled or disabled',
    `created_at` Nullable(DateTime('UTC')) COMMENT 'when this version was created (UTC)',
    `step_count` Nullable(Int64) COMMENT 'number of steps (ccwh: length of definition.steps)',
    `steps` Nullable(String) COMMENT 'definition.steps as JSON (step types SMS, ChatAppsMessage, HttpRequest, Branch, Wait, WaitForReply, VoiceMessage, WaitForDTMF)',
    `ccwh_latest` Nullable(UInt8) COMMENT 'ccwh: this is the active (latest) version listed by GET …/definitions',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/cpaas_workflow_definitions', '{replica}', `_version`)
ORDER BY (`_source`, `id`, `version`);

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_workflow_definitions` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'definition id (uuid); the examples put it inside definition',
    `version` Int64 COMMENT 'definition version (>= 1)',
    `name` Nullable(String) COMMENT 'workflow name (definition.name)',
    `account_id` Nullable(String) COMMENT 'account id',
    `sub_account_id` Nullable(String) COMMENT 'subaccount (spelled subaccountId in every example)',
    `trigger` LowCardinality(Nullable(String)) COMMENT 'inbound_sms, inbound_chat_apps or http_request',
    `status` LowCardinality(Nullable(String)) COMMENT 'enabled or disabled',
    `created_at` Nullable(DateTime('UTC')) COMMENT 'when this version was created (UTC)',
    `step_count` Nullable(Int64) COMMENT 'number of steps (ccwh: length of definition.steps)',
    `steps` Nullable(String) COMMENT 'definition.steps as JSON (step types SMS, ChatAppsMessage, HttpRequest, Branch, Wait, WaitForReply, VoiceMessage, WaitForDTMF)',
    `ccwh_latest` Nullable(UInt8) COMMENT 'ccwh: this is the active (latest) version listed by GET …/definitions',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'cpaas_workflow_definitions_local', cityHash64(`id`, `version`));

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_workflow_instance_errors_local` ON CLUSTER `ccwh_cluster`
(
    `workflow_id` String COMMENT 'instance id',
    `step` String COMMENT 'id of the step that faulted',
    `message` Nullable(String) COMMENT 'reason for failure',
    `error_time` DateTime('UTC') COMMENT 'when the error happened (UTC)',
    `definition_id` Nullable(String) COMMENT 'ccwh: the instance\'s definition',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/cpaas_workflow_instance_errors', '{replica}', `_version`)
PARTITION BY toYYYYMM(`error_time`)
ORDER BY (`_source`, `workflow_id`, `step`, `error_time`);

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_workflow_instance_errors` ON CLUSTER `ccwh_cluster`
(
    `workflow_id` String COMMENT 'instance id',
    `step` String COMMENT 'id of the step that faulted',
    `message` Nullable(String) COMMENT 'reason for failure',
    `error_time` DateTime('UTC') COMMENT 'when the error happened (UTC)',
    `definition_id` Nullable(String) COMMENT 'ccwh: the instance\'s definition',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'cpaas_workflow_instance_errors_local', cityHash64(`workflow_id`, `step`));

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_workflow_instances_local` ON CLUSTER `ccwh_cluster`
(
    `workflow_id` String COMMENT 'instance id (24-hex ObjectId in the examples)',
    `definition_id` Nullable(String) COMMENT 'definition id',
    `version` Nullable(Int64) COMMENT 'definition version the instance runs',
    `status` LowCardinality(Nullable(String)) COMMENT 'Runnable, Suspended, Complete or Terminated',
    `started_at` DateTime('UTC') COMMENT 'start time (UTC)',
    `completed_at` Nullable(DateTime('UTC')) COMMENT 'completion time (UTC); NULL while not completed',
    `account_id` Nullable(String) COMMENT 'data.accountId',
    `sub_account_id` Nullable(String) COMMENT 'data.subAccountId (usually set for inbound SMS and chat apps triggers)',
    `triggered_at` Nullable(DateTime('UTC')) COMMENT 'data.triggeredAt: when the trigger was raised (UTC)',
    `payload` Nullable(String) COMMENT 'data.payload: the trigger\'s webhook body as JSON',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/cpaas_workflow_instances', '{replica}', `_version`)
PARTITION BY toYYYYMM(`started_at`)
ORDER BY (`_source`, `workflow_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`cpaas_workflow_instances` ON CLUSTER `ccwh_cluster`
(
    `workflow_id` String COMMENT 'instance id (24-hex ObjectId in the examples)',
    `definition_id` Nullable(String) COMMENT 'definition id',
    `version` Nullable(Int64) COMMENT 'definition version the instance runs',
    `status` LowCardinality(Nullable(String)) COMMENT 'Runnable, Suspended, Complete or Terminated',
    `started_at` DateTime('UTC') COMMENT 'start time (UTC)',
    `completed_at` Nullable(DateTime('UTC')) COMMENT 'completion time (UTC); NULL while not completed',
    `account_id` Nullable(String) COMMENT 'data.accountId',
    `sub_account_id` Nullable(String) COMMENT 'data.subAccountId (usually set for inbound SMS and chat apps triggers)',
    `triggered_at` Nullable(DateTime('UTC')) COMMENT 'data.triggeredAt: when the trigger was raised (UTC)',
    `payload` Nullable(String) COMMENT 'data.payload: the trigger\'s webhook body as JSON',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'cpaas_workflow_instances_local', cityHash64(`workflow_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_activity_log_local` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'entry id (uuid)',
    `_type` LowCardinality(Nullable(String)) COMMENT 'activity type (32 values, open set)',
    `conversation_id` Nullable(Int64) COMMENT 'conversation id',
    `activity_timestamp` DateTime('UTC') COMMENT 'when it happened',
    `activity_type` Nullable(String) COMMENT 'deprecated marker object, JSON',
    `author_id` Nullable(String) COMMENT 'author id (ActivityLogUser.id)',
    `author_name` Nullable(String) COMMENT 'author name',
    `author_email` Nullable(String) COMMENT 'author email',
    `author_phone_number` Nullable(String) COMMENT 'author phone number',
    `attributes__type` LowCardinality(Nullable(String)) COMMENT 'attribute variant, when Dixa tags it',
    `attributes_template_name` Nullable(String) COMMENT 'ConversationAutoReplySent: template',
    `attributes_claimed_from_type` Nullable(String) COMMENT 'ConversationClaimed: claimed from type',
    `attributes_claimed_from_label` Nullable(String) COMMENT 'ConversationClaimed: claimed from label',
    `attributes_subject` Nullable(String) COMMENT 'ConversationCreated: subject',
    `attributes_language` Nullable(String) COMMENT 'ConversationLanguageUpdated: language',
    `attributes_agent_names` Array(String) COMMENT 'ConversationOffered: agent names',
    `attributes_queue_label` Nullable(String) COMMENT 'ConversationOffered: queue label',
    `attributes_score` Nullable(Int64) COMMENT 'ConversationRated: score',
    `attributes_message` Nullable(String) COMMENT 'ConversationRated / NoteAdded: message',
    `attributes_rating_scheduled_time` Nullable(String) COMMENT 'ConversationRatingScheduled: time (text, no format)',
    `attributes_queue_id` Nullable(String) COMMENT 'ConversationReserved: queue id',
    `attributes_queue_name` Nullable(String) COMMENT 'ConversationReserved: queue name',
    `attributes_reservation_type` Nullable(String) COMMENT 'ConversationReserved: reservation type',
    `attributes_valid_until` Nullable(String) COMMENT 'ConversationReserved: valid until (text, no format)',
    `attributes_transfer_type` Nullable(String) COMMENT 'Transfer*: transfer type',
    `attributes_destination_type` Nullable(String) COMMENT 'Transfer*: destination type',
    `attributes_destination_id` Nullable(String) COMMENT 'Transfer*: destination id',
    `attributes_destination_label` Nullable(String) COMMENT 'Transfer*: destination label',
    `attributes_reason` Nullable(String) COMMENT 'Transfer*: reason',
    `attributes_message_id` Nullable(String) COMMENT 'MessageAdded: message id',
    `attributes_avatar_url` Nullable(String) COMMENT 'MessageAdded / NoteAdded: avatar URL',
    `attributes_from_endpoint` Nullable(String) COMMENT 'MessageAdded: from endpoint',
    `attributes_tag` Nullable(String) COMMENT 'TagAdded / TagRemoved: tag',
    `attributes_agent_id` Nullable(String) COMMENT 'attribute agent id (ActivityLogUser.id)',
    `attributes_agent_name` Nullable(String) COMMENT 'attribute agent name',
    `attributes_agent_email` Nullable(String) COMMENT 'attribute agent email',
    `attributes_agent_phone_number` Nullable(String) COMMENT 'attribute agent phone number',
    `attributes_user_id` Nullable(String) COMMENT 'attribute user id (ActivityLogUser.id)',
    `attributes_user_name` Nullable(String) COMMENT 'attribute user name',
    `attributes_user_email` Nullable(String) COMMENT 'attribute user email',
    `attributes_user_phone_number` Nullable(String) COMMENT 'attribute user phone number',
    `attributes_old_user_id` Nullable(String) COMMENT 'EndUserReplaced: old user id (ActivityLogUser.id)',
    `attributes_old_user_name` Nullable(String) COMMENT 'EndUserReplaced: old user name',
    `attributes_old_user_email` Nullable(String) COMMENT 'EndUserReplaced: old user email',
    `attributes_old_user_phone_number` Nullable(String) COMMENT 'EndUserReplaced: old user phone number',
    `attributes_new_user_id` Nullable(String) COMMENT 'EndUserReplaced: new user id (ActivityLogUser.id)',
    `attributes_new_user_name` Nullable(String) COMMENT 'EndUserReplaced: new user name',
    `attributes_new_user_email` Nullable(String) COMMENT 'EndUserReplaced: new user email',
    `attributes_new_user_phone_number` Nullable(String) COMMENT 'EndUserReplaced: new user phone number',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_activity_log', '{replica}', `_version`)
PARTITION BY toYYYYMM(`activity_timestamp`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_activity_log` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'entry id (uuid)',
    `_type` LowCardinality(Nullable(String)) COMMENT 'activity type (32 values, open set)',
    `conversation_id` Nullable(Int64) COMMENT 'conversation id',
    `activity_timestamp` DateTime('UTC') COMMENT 'when it happened',
    `activity_type` Nullable(String) COMMENT 'deprecated marker object, JSON',
    `author_id` Nullable(String) COMMENT 'author id (ActivityLogUser.id)',
    `author_name` Nullable(String) COMMENT 'author name',
    `author_email` Nullable(String) COMMENT 'author email',
    `author_phone_number` Nullable(String) COMMENT 'author phone number',
    `attributes__type` LowCardinality(Nullable(String)) COMMENT 'attribute variant, when Dixa tags it',
    `attributes_template_name` Nullable(String) COMMENT 'ConversationAutoReplySent: template',
    `attributes_claimed_from_type` Nullable(String) COMMENT 'ConversationClaimed: claimed from type',
    `attributes_claimed_from_label` Nullable(String) COMMENT 'ConversationClaimed: claimed from label',
    `attributes_subject` Nullable(String) COMMENT 'ConversationCreated: subject',
    `attributes_language` Nullable(String) COMMENT 'ConversationLanguageUpdated: language',
    `attributes_agent_names` Array(String) COMMENT 'ConversationOffered: agent names',
    `attributes_queue_label` Nullable(String) COMMENT 'ConversationOffered: queue label',
    `attributes_score` Nullable(Int64) COMMENT 'ConversationRated: score',
    `attributes_message` Nullable(String) COMMENT 'ConversationRated / NoteAdded: message',
    `attributes_rating_scheduled_time` Nullable(String) COMMENT 'ConversationRatingScheduled: time (text, no format)',
    `attributes_queue_id` Nullable(String) COMMENT 'ConversationReserved: queue id',
    `attributes_queue_name` Nullable(String) COMMENT 'ConversationReserved: queue name',
    `attributes_reservation_type` Nullable(String) COMMENT 'ConversationReserved: reservation type',
    `attributes_valid_until` Nullable(String) COMMENT 'ConversationReserved: valid until (text, no format)',
    `attributes_transfer_type` Nullable(String) COMMENT 'Transfer*: transfer type',
    `attributes_destination_type` Nullable(String) COMMENT 'Transfer*: destination type',
    `attributes_destination_id` Nullable(String) COMMENT 'Transfer*: destination id',
    `attributes_destination_label` Nullable(String) COMMENT 'Transfer*: destination label',
    `attributes_reason` Nullable(String) COMMENT 'Transfer*: reason',
    `attributes_message_id` Nullable(String) COMMENT 'MessageAdded: message id',
    `attributes_avatar_url` Nullable(String) COMMENT 'MessageAdded / NoteAdded: avatar URL',
    `attributes_from_endpoint` Nullable(String) COMMENT 'MessageAdded: from endpoint',
    `attributes_tag` Nullable(String) COMMENT 'TagAdded / TagRemoved: tag',
    `attributes_agent_id` Nullable(String) COMMENT 'attribute agent id (ActivityLogUser.id)',
    `attributes_agent_name` Nullable(String) COMMENT 'attribute agent name',
    `attributes_agent_email` Nullable(String) COMMENT 'attribute agent email',
    `attributes_agent_phone_number` Nullable(String) COMMENT 'attribute agent phone number',
    `attributes_user_id` Nullable(String) COMMENT 'attribute user id (ActivityLogUser.id)',
    `attributes_user_name` Nullable(String) COMMENT 'attribute user name',
    `attributes_user_email` Nullable(String) COMMENT 'attribute user email',
    `attributes_user_phone_number` Nullable(String) COMMENT 'attribute user phone number',
    `attributes_old_user_id` Nullable(String) COMMENT 'EndUserReplaced: old user id (ActivityLogUser.id)',
    `attributes_old_user_name` Nullable(String) COMMENT 'EndUserReplaced: old user name',
    `attributes_old_user_email` Nullable(String) COMMENT 'EndUserReplaced: old user email',
    `attributes_old_user_phone_number` Nullable(String) COMMENT 'EndUserReplaced: old user phone number',
    `attributes_new_user_id` Nullable(String) COMMENT 'EndUserReplaced: new user id (ActivityLogUser.id)',
    `attributes_new_user_name` Nullable(String) COMMENT 'EndUserReplaced: new user name',
    `attributes_new_user_email` Nullable(String) COMMENT 'EndUserReplaced: new user email',
    `attributes_new_user_phone_number` Nullable(String) COMMENT 'EndUserReplaced: new user phone number',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_activity_log_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_agents_local` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'agent id (uuid)',
    `email` Nullable(String) COMMENT 'primary email',
    `roles` Array(String) COMMENT 'roles: Agent, SystemAdmin, TeamLead, Admin',
    `last_name` Nullable(String) COMMENT 'last name',
    `avatar_url` Nullable(String) COMMENT 'avatar URL',
    `created_at` Nullable(DateTime('UTC')) COMMENT 'when the agent was created',
    `first_name` Nullable(String) COMMENT 'first name',
    `display_name` Nullable(String) COMMENT 'display name',
    `middle_names` Array(String) COMMENT 'middle names',
    `phone_number` Nullable(String) COMMENT 'primary phone',
    `additional_emails` Array(String) COMMENT 'further emails',
    `additional_phone_numbers` Array(String) COMMENT 'further phone numbers',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_agents', '{replica}', `_version`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_agents` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'agent id (uuid)',
    `email` Nullable(String) COMMENT 'primary email',
    `roles` Array(String) COMMENT 'roles: Agent, SystemAdmin, TeamLead, Admin',
    `last_name` Nullable(String) COMMENT 'last name',
    `avatar_url` Nullable(String) COMMENT 'avatar URL',
    `created_at` Nullable(DateTime('UTC')) COMMENT 'when the agent was created',
    `first_name` Nullable(String) COMMENT 'first name',
    `display_name` Nullable(String) COMMENT 'display name',
    `middle_names` Array(String) COMMENT 'middle names',
    `phone_number` Nullable(String) COMMENT 'primary phone',
    `additional_emails` Array(String) COMMENT 'further emails',
    `additional_phone_numbers` Array(String) COMMENT 'further phone numbers',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_agents_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_analytics_filter_values_local` ON CLUSTER `ccwh_cluster`
(
    `filter_attribute` String COMMENT 'filter attribute (from the request path)',
    `value` String COMMENT 'value to filter on',
    `label` Nullable(String) COMMENT 'label',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_analytics_filter_values', '{replica}', `_version`)
ORDER BY (`_source`, `filter_attribute`, `value`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_analytics_filter_values` ON CLUSTER `ccwh_cluster`
(
    `filter_attribute` String COMMENT 'filter attribute (from the request path)',
    `value` String COMMENT 'value to filter on',
    `label` Nullable(String) COMMENT 'label',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_analytics_filter_values_local', cityHash64(`filter_attribute`, `value`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_analytics_metric_values_local` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'metric id (MetricData.id)',
    `interval_start` DateTime('UTC') COMMENT 'interval start (request periodFilter Interval.start), UTC',
    `interval_end` Nullable(DateTime('UTC')) COMMENT 'interval end, exclusive (Interval.end), UTC',
    `timezone` LowCardinality(Nullable(String)) COMMENT 'IANA timezone sent with the request',
    `filters` String COMMENT 'JSON array of the request\'s filters; [] when none',
    `measure` LowCardinality(String) COMMENT 'aggregation: Min, Max, Sum, Count, Percentage, StdDev, Average',
    `_type` LowCardinality(Nullable(String)) COMMENT 'LongAggregateValue or DoubleAggregateValue',
    `value` Nullable(Float64) COMMENT 'aggregate value as a double',
    `long_value` Nullable(Int64) COMMENT 'aggregate value when _type is LongAggregateValue',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_analytics_metric_values', '{replica}', `_version`)
PARTITION BY toYYYYMM(`interval_start`)
ORDER BY (`_source`, `id`, `filters`, `interval_start`, `measure`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_analytics_metric_values` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'metric id (MetricData.id)',
    `interval_start` DateTime('UTC') COMMENT 'interval start (request periodFilter Interval.start), UTC',
    `interval_end` Nullable(DateTime('UTC')) COMMENT 'interval end, exclusive (Interval.end), UTC',
    `timezone` LowCardinality(Nullable(String)) COMMENT 'IANA timezone sent with the request',
    `filters` String COMMENT 'JSON array of the request\'s filters; [] when none',
    `measure` LowCardinality(String) COMMENT 'aggregation: Min, Max, Sum, Count, Percentage, StdDev, Average',
    `_type` LowCardinality(Nullable(String)) COMMENT 'LongAggregateValue or DoubleAggregateValue',
    `value` Nullable(Float64) COMMENT 'aggregate value as a double',
    `long_value` Nullable(Int64) COMMENT 'aggregate value when _type is LongAggregateValue',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_analytics_metric_values_local', cityHash64(`id`, `filters`, `measure`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_analytics_metrics_local` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'metric id',
    `description` Nullable(String) COMMENT 'description',
    `filters` Nullable(String) COMMENT 'JSON array of FilterMetadata {filterAttribute, description}',
    `aggregations` Nullable(String) COMMENT 'JSON array of AggregateMetadata {measure, description}',
    `related_record_ids` Array(String) COMMENT 'record ids composing the metric',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_analytics_metrics', '{replica}', `_version`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_analytics_metrics` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'metric id',
    `description` Nullable(String) COMMENT 'description',
    `filters` Nullable(String) COMMENT 'JSON array of FilterMetadata {filterAttribute, description}',
    `aggregations` Nullable(String) COMMENT 'JSON array of AggregateMetadata {measure, description}',
    `related_record_ids` Array(String) COMMENT 'record ids composing the metric',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_analytics_metrics_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_analytics_record_types_local` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'record id',
    `description` Nullable(String) COMMENT 'description',
    `filters` Nullable(String) COMMENT 'JSON array of FilterMetadata',
    `fields_metadata` Nullable(String) COMMENT 'JSON array of FieldMetadata {field, description, nullable}',
    `related_metric_ids` Array(String) COMMENT 'metric ids using the record',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_analytics_record_types', '{replica}', `_version`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_analytics_record_types` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'record id',
    `description` Nullable(String) COMMENT 'description',
    `filters` Nullable(String) COMMENT 'JSON array of FilterMetadata',
    `fields_metadata` Nullable(String) COMMENT 'JSON array of FieldMetadata {field, description, nullable}',
    `related_metric_ids` Array(String) COMMENT 'metric ids using the record',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_analytics_record_types_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_analytics_records_local` ON CLUSTER `ccwh_cluster`
(
    `record_id` String COMMENT 'record id requested',
    `primary_timestamp_field_name` Nullable(String) COMMENT 'name of the record\'s primary timestamp',
    `primary_timestamp_field_timestamp` DateTime('UTC') COMMENT 'the record\'s primary timestamp',
    `record_key` String COMMENT 'SHA-256 (hex, 32 chars) of the record\'s JSON: records carry no id',
    `name` String COMMENT 'field name (Field.name); empty for a record without fields',
    `field__type` LowCardinality(Nullable(String)) COMMENT 'variant (StringField, DoubleField, LongField, IntField/BooleanField, InstantField, TimestampField, UUIDField, ListField)',
    `string_value` Nullable(String) COMMENT 'StringField.value',
    `uuid_value` Nullable(String) COMMENT 'UUIDField.value',
    `label` Nullable(String) COMMENT 'StringField/UUIDField label',
    `double_value` Nullable(Float64) COMMENT 'DoubleField.value',
    `long_value` Nullable(Int64) COMMENT 'LongField.value, and IntField.value',
    `int_value` Nullable(Int64) COMMENT 'IntField.value',
    `boolean_value` Nullable(UInt8) COMMENT 'BooleanField.value',
    `instant_value` Nullable(DateTime('UTC')) COMMENT 'InstantField.value, and TimestampField.timestamp',
    `timestamp_name` Nullable(String) COMMENT 'TimestampField.name',
    `list_values` Nullable(String) COMMENT 'ListField.values: JSON array of PrimitiveField',
    `value` Nullable(String) COMMENT 'MetricRecord.value (role undocumented): JSON',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_analytics_records', '{replica}', `_version`)
PARTITION BY toYYYYMM(`primary_timestamp_field_timestamp`)
ORDER BY (`_source`, `record_id`, `primary_timestamp_field_timestamp`, `record_key`, `name`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_analytics_records` ON CLUSTER `ccwh_cluster`
(
    `record_id` String COMMENT 'record id requested',
    `primary_timestamp_field_name` Nullable(String) COMMENT 'name of the record\'s primary timestamp',
    `primary_timestamp_field_timestamp` DateTime('UTC') COMMENT 'the record\'s primary timestamp',
    `record_key` String COMMENT 'SHA-256 (hex, 32 chars) of the record\'s JSON: records carry no id',
    `name` String COMMENT 'field name (Field.name); empty for a record without fields',
    `field__type` LowCardinality(Nullable(String)) COMMENT 'variant (StringField, DoubleField, LongField, IntField/BooleanField, InstantField, TimestampField, UUIDField, ListField)',
    `string_value` Nullable(String) COMMENT 'StringField.value',
    `uuid_value` Nullable(String) COMMENT 'UUIDField.value',
    `label` Nullable(String) COMMENT 'StringField/UUIDField label',
    `double_value` Nullable(Float64) COMMENT 'DoubleField.value',
    `long_value` Nullable(Int64) COMMENT 'LongField.value, and IntField.value',
    `int_value` Nullable(Int64) COMMENT 'IntField.value',
    `boolean_value` Nullable(UInt8) COMMENT 'BooleanField.value',
    `instant_value` Nullable(DateTime('UTC')) COMMENT 'InstantField.value, and TimestampField.timestamp',
    `timestamp_name` Nullable(String) COMMENT 'TimestampField.name',
    `list_values` Nullable(String) COMMENT 'ListField.values: JSON array of PrimitiveField',
    `value` Nullable(String) COMMENT 'MetricRecord.value (role undocumented): JSON',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_analytics_records_local', cityHash64(`record_id`, `record_key`, `name`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_contact_endpoints_local` ON CLUSTER `ccwh_cluster`
(
    `_type` LowCardinality(String) COMMENT 'EmailEndpoint or TelephonyEndpoint',
    `address` String COMMENT 'EmailEndpoint: address (empty for phone numbers)',
    `number` String COMMENT 'TelephonyEndpoint: number (empty for email addresses)',
    `name` Nullable(String) COMMENT 'name',
    `sender_override` Nullable(String) COMMENT 'EmailEndpoint: sender override',
    `functionality` Array(String) COMMENT 'TelephonyEndpoint: Sms, VoiceInbound, VoiceOutbound',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_contact_endpoints', '{replica}', `_version`)
ORDER BY (`_source`, `_type`, `address`, `number`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_contact_endpoints` ON CLUSTER `ccwh_cluster`
(
    `_type` LowCardinality(String) COMMENT 'EmailEndpoint or TelephonyEndpoint',
    `address` String COMMENT 'EmailEndpoint: address (empty for phone numbers)',
    `number` String COMMENT 'TelephonyEndpoint: number (empty for email addresses)',
    `name` Nullable(String) COMMENT 'name',
    `sender_override` Nullable(String) COMMENT 'EmailEndpoint: sender override',
    `functionality` Array(String) COMMENT 'TelephonyEndpoint: Sms, VoiceInbound, VoiceOutbound',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_contact_endpoints_local', cityHash64(`_type`, `address`, `number`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_conversation_tags_local` ON CLUSTER `ccwh_cluster`
(
    `conversation_id` Int64 COMMENT 'conversation id (from the request path)',
    `id` String COMMENT 'tag id',
    `name` Nullable(String) COMMENT 'tag name',
    `color` Nullable(String) COMMENT 'colour',
    `state` LowCardinality(Nullable(String)) COMMENT 'Active or Inactive',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_conversation_tags', '{replica}', `_version`)
ORDER BY (`_source`, `conversation_id`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_conversation_tags` ON CLUSTER `ccwh_cluster`
(
    `conversation_id` Int64 COMMENT 'conversation id (from the request path)',
    `id` String COMMENT 'tag id',
    `name` Nullable(String) COMMENT 'tag name',
    `color` Nullable(String) COMMENT 'colour',
    `state` LowCardinality(Nullable(String)) COMMENT 'Active or Inactive',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_conversation_tags_local', cityHash64(`conversation_id`, `id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_conversations_local` ON CLUSTER `ccwh_cluster`
(
    `id` Int64 COMMENT 'conversation id',
    `_type` LowCardinality(Nullable(String)) COMMENT 'variant, e.g. EmailConversation, AnonymizedConversation',
    `requester_id` Nullable(String) COMMENT 'requester (end user) id',
    `channel` LowCardinality(Nullable(String)) COMMENT 'channel (11 values)',
    `created_at` DateTime('UTC') COMMENT 'created',
    `state` LowCardinality(Nullable(String)) COMMENT 'AwaitingPending, Closed, Open, Pending',
    `direction` LowCardinality(Nullable(String)) COMMENT 'Inbound, Internal, Outbound',
    `state_updated_at` Nullable(DateTime('UTC')) COMMENT 'last state change',
    `anonymized_at` Nullable(DateTime('UTC')) COMMENT 'AnonymizedConversation: when anonymized',
    `link__type` LowCardinality(Nullable(String)) COMMENT 'EmailForward, FollowUp or SideConversation',
    `link_parent_id` Nullable(Int64) COMMENT 'parent conversation id',
    `queue_id` Nullable(String) COMMENT 'queue id',
    `queue_queued_at` Nullable(DateTime('UTC')) COMMENT 'queued at',
    `assignment_agent_id` Nullable(String) COMMENT 'assigned agent id',
    `assignment_assigned_at` Nullable(DateTime('UTC')) COMMENT 'assigned at',
    `custom_attributes` Nullable(String) COMMENT 'JSON array of CustomAttribute',
    `language` Nullable(String) COMMENT 'language',
    `browser_info_name` Nullable(String) COMMENT 'Chat: browser name',
    `browser_info_version` Nullable(String) COMMENT 'Chat: browser version',
    `browser_info_ip_address` Nullable(String) COMMENT 'Chat: IP address',
    `browser_info_originating_url` Nullable(String) COMMENT 'Chat: originating URL',
    `subject` Nullable(String) COMMENT 'Email/ContactForm: subject',
    `to_email` Nullable(String) COMMENT 'Email/ContactForm: to',
    `from_email` Nullable(String) COMMENT 'Email/ContactForm: from',
    `integration_email` Nullable(String) COMMENT 'Email/ContactForm: integration address',
    `to_contact_point_id` Nullable(String) COMMENT 'Generic: to contact point',
    `from_contact_point_id` Nullable(String) COMMENT 'Generic: from contact point',
    `to_number` Nullable(String) COMMENT 'Sms: to number',
    `from_number` Nullable(String) COMMENT 'Sms: from number',
    `conversation_type` LowCardinality(Nullable(String)) COMMENT 'Twitter: DirectMessage or Tweet',
    `end_user_twitter_id` Nullable(String) COMMENT 'Twitter: end user id',
    `contact_point_twitter_id` Nullable(String) COMMENT 'Twitter: contact point id',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_conversations', '{replica}', `_version`)
PARTITION BY toYYYYMM(`created_at`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_conversations` ON CLUSTER `ccwh_cluster`
(
    `id` Int64 COMMENT 'conversation id',
    `_type` LowCardinality(Nullable(String)) COMMENT 'variant, e.g. EmailConversation, AnonymizedConversation',
    `requester_id` Nullable(String) COMMENT 'requester (end user) id',
    `channel` LowCardinality(Nullable(String)) COMMENT 'channel (11 values)',
    `created_at` DateTime('UTC') COMMENT 'created',
    `state` LowCardinality(Nullable(String)) COMMENT 'AwaitingPending, Closed, Open, Pending',
    `direction` LowCardinality(Nullable(String)) COMMENT 'Inbound, Internal, Outbound',
    `state_updated_at` Nullable(DateTime('UTC')) COMMENT 'last state change',
    `anonymized_at` Nullable(DateTime('UTC')) COMMENT 'AnonymizedConversation: when anonymized',
    `link__type` LowCardinality(Nullable(String)) COMMENT 'EmailForward, FollowUp or SideConversation',
    `link_parent_id` Nullable(Int64) COMMENT 'parent conversation id',
    `queue_id` Nullable(String) COMMENT 'queue id',
    `queue_queued_at` Nullable(DateTime('UTC')) COMMENT 'queued at',
    `assignment_agent_id` Nullable(String) COMMENT 'assigned agent id',
    `assignment_assigned_at` Nullable(DateTime('UTC')) COMMENT 'assigned at',
    `custom_attributes` Nullable(String) COMMENT 'JSON array of CustomAttribute',
    `language` Nullable(String) COMMENT 'language',
    `browser_info_name` Nullable(String) COMMENT 'Chat: browser name',
    `browser_info_version` Nullable(String) COMMENT 'Chat: browser version',
    `browser_info_ip_address` Nullable(String) COMMENT 'Chat: IP address',
    `browser_info_originating_url` Nullable(String) COMMENT 'Chat: originating URL',
    `subject` Nullable(String) COMMENT 'Email/ContactForm: subject',
    `to_email` Nullable(String) COMMENT 'Email/ContactForm: to',
    `from_email` Nullable(String) COMMENT 'Email/ContactForm: from',
    `integration_email` Nullable(String) COMMENT 'Email/ContactForm: integration address',
    `to_contact_point_id` Nullable(String) COMMENT 'Generic: to contact point',
    `from_contact_point_id` Nullable(String) COMMENT 'Generic: from contact point',
    `to_number` Nullable(String) COMMENT 'Sms: to number',
    `from_number` Nullable(String) COMMENT 'Sms: from number',
    `conversation_type` LowCardinality(Nullable(String)) COMMENT 'Twitter: DirectMessage or Tweet',
    `end_user_twitter_id` Nullable(String) COMMENT 'Twitter: end user id',
    `contact_point_twitter_id` Nullable(String) COMMENT 'Twitter: contact point id',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_conversations_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_custom_attributes_local` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'definition id (uuid)',
    `entity_type` LowCardinality(Nullable(String)) COMMENT 'Contact or Conversation',
    `identifier` Nullable(String) COMMENT 'identifier',
    `label` Nullable(String) COMMENT 'label',
    `input_definition__type` LowCardinality(Nullable(String)) COMMENT 'Select or Text',
    `input_definition_options` Nullable(String) COMMENT 'Select: JSON array of SelectOption (nested options kept)',
    `input_definition_placeholder` Nullable(String) COMMENT 'Text: placeholder',
    `created_at` Nullable(DateTime('UTC')) COMMENT 'created',
    `updated_at` Nullable(DateTime('UTC')) COMMENT 'last updated',
    `description` Nullable(String) COMMENT 'description',
    `is_required` Nullable(UInt8) COMMENT 'required',
    `is_archived` Nullable(UInt8) COMMENT 'archived',
    `is_deactivated` Nullable(UInt8) COMMENT 'deactivated',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_custom_attributes', '{replica}', `_version`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_custom_attributes` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'definition id (uuid)',
    `entity_type` LowCardinality(Nullable(String)) COMMENT 'Contact or Conversation',
    `identifier` Nullable(String) COMMENT 'identifier',
    `label` Nullable(String) COMMENT 'label',
    `input_definition__type` LowCardinality(Nullable(String)) COMMENT 'Select or Text',
    `input_definition_options` Nullable(String) COMMENT 'Select: JSON array of SelectOption (nested options kept)',
    `input_definition_placeholder` Nullable(String) COMMENT 'Text: placeholder',
    `created_at` Nullable(DateTime('UTC')) COMMENT 'created',
    `updated_at` Nullable(DateTime('UTC')) COMMENT 'last updated',
    `description` Nullable(String) COMMENT 'description',
    `is_required` Nullable(UInt8) COMMENT 'required',
    `is_archived` Nullable(UInt8) COMMENT 'archived',
    `is_deactivated` Nullable(UInt8) COMMENT 'deactivated',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_custom_attributes_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_end_users_local` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'end user id (uuid)',
    `created_at` Nullable(DateTime('UTC')) COMMENT 'when the contact was created',
    `email` Nullable(String) COMMENT 'email',
    `last_name` Nullable(String) COMMENT 'last name',
    `avatar_url` Nullable(String) COMMENT 'avatar URL',
    `first_name` Nullable(String) COMMENT 'first name',
    `external_id` Nullable(String) COMMENT 'custom external identifier',
    `display_name` Nullable(String) COMMENT 'display name',
    `middle_names` Array(String) COMMENT 'middle names',
    `phone_number` Nullable(String) COMMENT 'phone number',
    `additional_emails` Array(String) COMMENT 'further emails',
    `custom_attributes` Nullable(String) COMMENT 'JSON array of CustomAttribute {id, name, identifier, value}',
    `additional_phone_numbers` Array(String) COMMENT 'further phone numbers',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_end_users', '{replica}', `_version`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_end_users` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'end user id (uuid)',
    `created_at` Nullable(DateTime('UTC')) COMMENT 'when the contact was created',
    `email` Nullable(String) COMMENT 'email',
    `last_name` Nullable(String) COMMENT 'last name',
    `avatar_url` Nullable(String) COMMENT 'avatar URL',
    `first_name` Nullable(String) COMMENT 'first name',
    `external_id` Nullable(String) COMMENT 'custom external identifier',
    `display_name` Nullable(String) COMMENT 'display name',
    `middle_names` Array(String) COMMENT 'middle names',
    `phone_number` Nullable(String) COMMENT 'phone number',
    `additional_emails` Array(String) COMMENT 'further emails',
    `custom_attributes` Nullable(String) COMMENT 'JSON array of CustomAttribute {id, name, identifier, value}',
    `additional_phone_numbers` Array(String) COMMENT 'further phone numbers',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_end_users_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_messages_local` ON CLUSTER `ccwh_cluster`
(
    `conversation_id` Int64 COMMENT 'conversation id (from the request path)',
    `id` String COMMENT 'message id (uuid)',
    `author_id` Nullable(String) COMMENT 'author id',
    `created_at` DateTime('UTC') COMMENT 'created',
    `external_id` Nullable(String) COMMENT 'external id',
    `attributes__type` LowCardinality(Nullable(String)) COMMENT 'variant: EmailAttributes, ChatAttributes, PhoneAttributes, CallRecordingAttributes, …',
    `attributes_direction` LowCardinality(Nullable(String)) COMMENT 'Inbound, Internal, Outbound',
    `attributes_is_automated` Nullable(UInt8) COMMENT 'Chat: automated',
    `attributes_is_auto_reply` Nullable(UInt8) COMMENT 'Email/ContactForm: auto reply',
    `attributes_content__type` LowCardinality(Nullable(String)) COMMENT 'Text or Html',
    `attributes_content_value` Nullable(String) COMMENT 'message text or HTML',
    `attributes_attachments` Nullable(String) COMMENT 'JSON array of File {url, prettyName}',
    `attributes_from` Nullable(String) COMMENT 'Phone: from number',
    `attributes_to` Nullable(String) COMMENT 'Phone: to number; Email: JSON array of EmailContact',
    `attributes_from_email` Nullable(String) COMMENT 'Email: sender address',
    `attributes_from_name` Nullable(String) COMMENT 'Email: sender name',
    `attributes_cc` Nullable(String) COMMENT 'Email: JSON array of EmailContact',
    `attributes_bcc` Nullable(String) COMMENT 'Email: JSON array of EmailContact',
    `attributes_email_content__type` LowCardinality(Nullable(String)) COMMENT 'Regular or TooLarge',
    `attributes_email_content_content__type` LowCardinality(Nullable(String)) COMMENT 'Regular: Text or Html',
    `attributes_email_content_content_value` Nullable(String) COMMENT 'Regular: the email body',
    `attributes_email_content_file_url` Nullable(String) COMMENT 'TooLarge: URL of the body file',
    `attributes_email_content_file_pretty_name` Nullable(String) COMMENT 'TooLarge: file name',
    `attributes_inline_images` Nullable(String) COMMENT 'Email: JSON array of File',
    `attributes_original_content_url_url` Nullable(String) COMMENT 'Email: original content URL',
    `attributes_original_content_url_pretty_name` Nullable(String) COMMENT 'Email: original content file name',
    `attributes_reply_default_to_emails` Nullable(String) COMMENT 'ContactForm: JSON array of EmailContact',
    `attributes_delivery_failure_reason` Nullable(String) COMMENT 'Email: delivery failure reason',
    `attributes_recording` Nullable(String) COMMENT 'CallRecording: recording reference (URL)',
    `attributes_duration` Nullable(Int64) COMMENT 'Phone/CallRecording: duration (unit not documented)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_messages', '{replica}', `_version`)
PARTITION BY toYYYYMM(`created_at`)
ORDER BY (`_source`, `conversation_id`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_messages` ON CLUSTER `ccwh_cluster`
(
    `conversation_id` Int64 COMMENT 'conversation id (from the request path)',
    `id` String COMMENT 'message id (uuid)',
    `author_id` Nullable(String) COMMENT 'author id',
    `created_at` DateTime('UTC') COMMENT 'created',
    `external_id` Nullable(String) COMMENT 'external id',
    `attributes__type` LowCardinality(Nullable(String)) COMMENT 'variant: EmailAttributes, ChatAttributes, PhoneAttributes, CallRecordingAttributes, …',
    `attributes_direction` LowCardinality(Nullable(String)) COMMENT 'Inbound, Internal, Outbound',
    `attributes_is_automated` Nullable(UInt8) COMMENT 'Chat: automated',
    `attributes_is_auto_reply` Nullable(UInt8) COMMENT 'Email/ContactForm: auto reply',
    `attributes_content__type` LowCardinality(Nullable(String)) COMMENT 'Text or Html',
    `attributes_content_value` Nullable(String) COMMENT 'message text or HTML',
    `attributes_attachments` Nullable(String) COMMENT 'JSON array of File {url, prettyName}',
    `attributes_from` Nullable(String) COMMENT 'Phone: from number',
    `attributes_to` Nullable(String) COMMENT 'Phone: to number; Email: JSON array of EmailContact',
    `attributes_from_email` Nullable(String) COMMENT 'Email: sender address',
    `attributes_from_name` Nullable(String) COMMENT 'Email: sender name',
    `attributes_cc` Nullable(String) COMMENT 'Email: JSON array of EmailContact',
    `attributes_bcc` Nullable(String) COMMENT 'Email: JSON array of EmailContact',
    `attributes_email_content__type` LowCardinality(Nullable(String)) COMMENT 'Regular or TooLarge',
    `attributes_email_content_content__type` LowCardinality(Nullable(String)) COMMENT 'Regular: Text or Html',
    `attributes_email_content_content_value` Nullable(String) COMMENT 'Regular: the email body',
    `attributes_email_content_file_url` Nullable(String) COMMENT 'TooLarge: URL of the body file',
    `attributes_email_content_file_pretty_name` Nullable(String) COMMENT 'TooLarge: file name',
    `attributes_inline_images` Nullable(String) COMMENT 'Email: JSON array of File',
    `attributes_original_content_url_url` Nullable(String) COMMENT 'Email: original content URL',
    `attributes_original_content_url_pretty_name` Nullable(String) COMMENT 'Email: original content file name',
    `attributes_reply_default_to_emails` Nullable(String) COMMENT 'ContactForm: JSON array of EmailContact',
    `attributes_delivery_failure_reason` Nullable(String) COMMENT 'Email: delivery failure reason',
    `attributes_recording` Nullable(String) COMMENT 'CallRecording: recording reference (URL)',
    `attributes_duration` Nullable(Int64) COMMENT 'Phone/CallRecording: duration (unit not documented)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_messages_local', cityHash64(`conversation_id`, `id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_notes_local` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'note id (uuid)',
    `csid` Int64 COMMENT 'conversation id',
    `message` Nullable(String) COMMENT 'note text',
    `author_id` Nullable(String) COMMENT 'author id',
    `created_at` DateTime('UTC') COMMENT 'created (a [Zone] suffix is accepted)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_notes', '{replica}', `_version`)
PARTITION BY toYYYYMM(`created_at`)
ORDER BY (`_source`, `csid`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_notes` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'note id (uuid)',
    `csid` Int64 COMMENT 'conversation id',
    `message` Nullable(String) COMMENT 'note text',
    `author_id` Nullable(String) COMMENT 'author id',
    `created_at` DateTime('UTC') COMMENT 'created (a [Zone] suffix is accepted)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_notes_local', cityHash64(`csid`, `id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_queue_members_local` ON CLUSTER `ccwh_cluster`
(
    `queue_id` String COMMENT 'queue id (from the request path)',
    `agent_id` String COMMENT 'agent id',
    `priority` Nullable(Int64) COMMENT 'the agent\'s priority in the queue',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_queue_members', '{replica}', `_version`)
ORDER BY (`_source`, `queue_id`, `agent_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_queue_members` ON CLUSTER `ccwh_cluster`
(
    `queue_id` String COMMENT 'queue id (from the request path)',
    `agent_id` String COMMENT 'agent id',
    `priority` Nullable(Int64) COMMENT 'the agent\'s priority in the queue',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_queue_members_local', cityHash64(`queue_id`, `agent_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_queues_local` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'queue id',
    `name` Nullable(String) COMMENT 'queue name',
    `usages_queue_id` Nullable(String) COMMENT 'QueueUsages.queueId',
    `usages_usages` Nullable(String) COMMENT 'JSON object channel → string[] (Map_ConversationChannel_Set_String)',
    `priority` Nullable(Int64) COMMENT 'queue priority',
    `is_default` Nullable(UInt8) COMMENT 'the organisation\'s default queue',
    `offer_timeout` Nullable(Int64) COMMENT 'offer timeout (unit not documented)',
    `wrapup_timeout` Nullable(Int64) COMMENT 'wrap-up timeout (unit not documented)',
    `member_list_type` LowCardinality(Nullable(String)) COMMENT 'Default or SkillBased',
    `organization_id` Nullable(String) COMMENT 'organisation id',
    `queue_thresholds` Nullable(String) COMMENT 'JSON object threshold → int (SlaTimeLimit, AvailableAgents, …)',
    `offering_algorithm` LowCardinality(Nullable(String)) COMMENT 'offer algorithm (AllAtOnce, LongestIdle, …)',
    `do_not_offer_timeouts` Nullable(String) COMMENT 'JSON object channel → int',
    `is_do_not_offer_enabled` Nullable(UInt8) COMMENT 'do-not-offer enabled',
    `sla_calculation_method` LowCardinality(Nullable(String)) COMMENT 'AbandonedIgnored',
    `preferred_agent_timeouts` Nullable(String) COMMENT 'JSON object channel → int',
    `is_preferred_agent_enabled` Nullable(UInt8) COMMENT 'preferred agent enabled',
    `offer_abandoned_conversations` Nullable(UInt8) COMMENT 'offer abandoned conversations',
    `personal_agent_offline_timeout` Nullable(Int64) COMMENT 'personal agent offline timeout',
    `preferred_agent_offline_timeout` Nullable(Int64) COMMENT 'preferred agent offline timeout',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_queues', '{replica}', `_version`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_queues` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'queue id',
    `name` Nullable(String) COMMENT 'queue name',
    `usages_queue_id` Nullable(String) COMMENT 'QueueUsages.queueId',
    `usages_usages` Nullable(String) COMMENT 'JSON object channel → string[] (Map_ConversationChannel_Set_String)',
    `priority` Nullable(Int64) COMMENT 'queue priority',
    `is_default` Nullable(UInt8) COMMENT 'the organisation\'s default queue',
    `offer_timeout` Nullable(Int64) COMMENT 'offer timeout (unit not documented)',
    `wrapup_timeout` Nullable(Int64) COMMENT 'wrap-up timeout (unit not documented)',
    `member_list_type` LowCardinality(Nullable(String)) COMMENT 'Default or SkillBased',
    `organization_id` Nullable(String) COMMENT 'organisation id',
    `queue_thresholds` Nullable(String) COMMENT 'JSON object threshold → int (SlaTimeLimit, AvailableAgents, …)',
    `offering_algorithm` LowCardinality(Nullable(String)) COMMENT 'offer algorithm (AllAtOnce, LongestIdle, …)',
    `do_not_offer_timeouts` Nullable(String) COMMENT 'JSON object channel → int',
    `is_do_not_offer_enabled` Nullable(UInt8) COMMENT 'do-not-offer enabled',
    `sla_calculation_method` LowCardinality(Nullable(String)) COMMENT 'AbandonedIgnored',
    `preferred_agent_timeouts` Nullable(String) COMMENT 'JSON object channel → int',
    `is_preferred_agent_enabled` Nullable(UInt8) COMMENT 'preferred agent enabled',
    `offer_abandoned_conversations` Nullable(UInt8) COMMENT 'offer abandoned conversations',
    `personal_agent_offline_timeout` Nullable(Int64) COMMENT 'personal agent offline timeout',
    `preferred_agent_offline_timeout` Nullable(Int64) COMMENT 'preferred agent offline timeout',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_queues_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_ratings_local` ON CLUSTER `ccwh_cluster`
(
    `conversation_id` Int64 COMMENT 'conversation id (from the request path)',
    `id` String COMMENT 'rating id',
    `user_id` Nullable(String) COMMENT 'rating user id',
    `agent_id` Nullable(String) COMMENT 'rated agent id',
    `language` Nullable(String) COMMENT 'language',
    `rating_type` LowCardinality(Nullable(String)) COMMENT 'Csat or ThumbsUpOrDown',
    `timestamps` Nullable(String) COMMENT 'JSON object status → time (keys undocumented)',
    `rating_score` Nullable(Int64) COMMENT 'score',
    `rating_status` LowCardinality(Nullable(String)) COMMENT 'Unscheduled, Offered, Rated, Scheduled, Cancelled',
    `rating_comment` Nullable(String) COMMENT 'comment',
    `conversation_channel` LowCardinality(Nullable(String)) COMMENT 'channel',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_ratings', '{replica}', `_version`)
ORDER BY (`_source`, `conversation_id`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_ratings` ON CLUSTER `ccwh_cluster`
(
    `conversation_id` Int64 COMMENT 'conversation id (from the request path)',
    `id` String COMMENT 'rating id',
    `user_id` Nullable(String) COMMENT 'rating user id',
    `agent_id` Nullable(String) COMMENT 'rated agent id',
    `language` Nullable(String) COMMENT 'language',
    `rating_type` LowCardinality(Nullable(String)) COMMENT 'Csat or ThumbsUpOrDown',
    `timestamps` Nullable(String) COMMENT 'JSON object status → time (keys undocumented)',
    `rating_score` Nullable(Int64) COMMENT 'score',
    `rating_status` LowCardinality(Nullable(String)) COMMENT 'Unscheduled, Offered, Rated, Scheduled, Cancelled',
    `rating_comment` Nullable(String) COMMENT 'comment',
    `conversation_channel` LowCardinality(Nullable(String)) COMMENT 'channel',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_ratings_local', cityHash64(`conversation_id`, `id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_tags_local` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'tag id (uuid)',
    `name` Nullable(String) COMMENT 'tag name',
    `color` Nullable(String) COMMENT 'colour, e.g. #000000',
    `state` LowCardinality(Nullable(String)) COMMENT 'Active or Inactive',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_tags', '{replica}', `_version`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_tags` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'tag id (uuid)',
    `name` Nullable(String) COMMENT 'tag name',
    `color` Nullable(String) COMMENT 'colour, e.g. #000000',
    `state` LowCardinality(Nullable(String)) COMMENT 'Active or Inactive',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_tags_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_team_members_local` ON CLUSTER `ccwh_cluster`
(
    `team_id` String COMMENT 'team id (from the request path)',
    `id` String COMMENT 'agent id',
    `name` Nullable(String) COMMENT 'agent name',
    `email` Nullable(String) COMMENT 'agent email',
    `phone_number` Nullable(String) COMMENT 'agent phone number',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_team_members', '{replica}', `_version`)
ORDER BY (`_source`, `team_id`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_team_members` ON CLUSTER `ccwh_cluster`
(
    `team_id` String COMMENT 'team id (from the request path)',
    `id` String COMMENT 'agent id',
    `name` Nullable(String) COMMENT 'agent name',
    `email` Nullable(String) COMMENT 'agent email',
    `phone_number` Nullable(String) COMMENT 'agent phone number',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_team_members_local', cityHash64(`team_id`, `id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_teams_local` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'team id',
    `name` Nullable(String) COMMENT 'team name',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/dixa_teams', '{replica}', `_version`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`dixa_teams` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'team id',
    `name` Nullable(String) COMMENT 'team name',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'dixa_teams_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_activities_local` ON CLUSTER `ccwh_cluster`
(
    `agent_id` String COMMENT 'agent login id',
    `agent_name` Nullable(String) COMMENT 'agent name',
    `group_id` Nullable(Int64) COMMENT 'group id',
    `group_name` Nullable(String) COMMENT 'group name',
    `media_type` LowCardinality(Nullable(String)) COMMENT 'Phone, Chat, Email or Voice Mail',
    `channel_id` Nullable(Int64) COMMENT 'channel id',
    `channel_obj_id` Nullable(String) COMMENT 'channel object id',
    `queue_obj_id` Nullable(String) COMMENT 'queue object id: tenant~~queue~~<media>~~<queue id>',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `transaction_id` Int64 COMMENT 'transaction id (the vendor spells it with an underscore)',
    `origination` Nullable(String) COMMENT 'caller number or id',
    `customer_name` Nullable(String) COMMENT 'customer name; N/A when unknown',
    `trans_accept_time` DateTime('UTC') COMMENT 'when the agent accepted the transaction',
    `trans_proc_time` Nullable(Int64) COMMENT 'processing time, seconds',
    `trans_post_proc_time` Nullable(Int64) COMMENT 'post-processing (wrap-up) time, seconds',
    `trans_total_time` Nullable(Int64) COMMENT 'total time, seconds',
    `trans_transfer_from` Nullable(String) COMMENT 'transferred from',
    `trans_conference_from` Nullable(String) COMMENT 'conferenced from',
    `case_id` Nullable(String) COMMENT 'case id',
    `tcl_list_id` Nullable(Int64) COMMENT 'transaction code list id (/tcls)',
    `tcl_item_id` Nullable(Int64) COMMENT 'transaction code item id',
    `tcl_item_shortcode_text` Nullable(String) COMMENT 'transaction code short text',
    `tcl_item_report_text` Nullable(String) COMMENT 'transaction code report text',
    `recording_filename` Nullable(String) COMMENT 'recording file, S<YYYYMMDD>/R….wav; joins vcc_recordings',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_activities', '{replica}', `_version`)
PARTITION BY toYYYYMM(`trans_accept_time`)
ORDER BY (`_source`, `transaction_id`, `agent_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_activities` ON CLUSTER `ccwh_cluster`
(
    `agent_id` String COMMENT 'agent login id',
    `agent_name` Nullable(String) COMMENT 'agent name',
    `group_id` Nullable(Int64) COMMENT 'group id',
    `group_name` Nullable(String) COMMENT 'group name',
    `media_type` LowCardinality(Nullable(String)) COMMENT 'Phone, Chat, Email or Voice Mail',
    `channel_id` Nullable(Int64) COMMENT 'channel id',
    `channel_obj_id` Nullable(String) COMMENT 'channel object id',
    `queue_obj_id` Nullable(String) COMMENT 'queue object id: tenant~~queue~~<media>~~<queue id>',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `transaction_id` Int64 COMMENT 'transaction id (the vendor spells it with an underscore)',
    `origination` Nullable(String) COMMENT 'caller number or id',
    `customer_name` Nullable(String) COMMENT 'customer name; N/A when unknown',
    `trans_accept_time` DateTime('UTC') COMMENT 'when the agent accepted the transaction',
    `trans_proc_time` Nullable(Int64) COMMENT 'processing time, seconds',
    `trans_post_proc_time` Nullable(Int64) COMMENT 'post-processing (wrap-up) time, seconds',
    `trans_total_time` Nullable(Int64) COMMENT 'total time, seconds',
    `trans_transfer_from` Nullable(String) COMMENT 'transferred from',
    `trans_conference_from` Nullable(String) COMMENT 'conferenced from',
    `case_id` Nullable(String) COMMENT 'case id',
    `tcl_list_id` Nullable(Int64) COMMENT 'transaction code list id (/tcls)',
    `tcl_item_id` Nullable(Int64) COMMENT 'transaction code item id',
    `tcl_item_shortcode_text` Nullable(String) COMMENT 'transaction code short text',
    `tcl_item_report_text` Nullable(String) COMMENT 'transaction code report text',
    `recording_filename` Nullable(String) COMMENT 'recording file, S<YYYYMMDD>/R….wav; joins vcc_recordings',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_activities_local', cityHash64(`transaction_id`, `agent_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_agent_interactions_local` ON CLUSTER `ccwh_cluster`
(
    `interaction_id` Int64 COMMENT 'interaction id',
    `agent_id` String COMMENT 'agent login id',
    `agent_name` Nullable(String) COMMENT 'agent name',
    `group_id` Nullable(Int64) COMMENT 'group id',
    `group_name` Nullable(String) COMMENT 'group name',
    `accept_timestamp` DateTime('UTC') COMMENT 'when the agent accepted it',
    `process_time` Nullable(Int64) COMMENT 'processing time, seconds',
    `post_process_time` Nullable(Int64) COMMENT 'post-processing time, seconds',
    `finish_timestamp` Nullable(DateTime('UTC')) COMMENT 'when the agent finished',
    `transfer_from` Nullable(String) COMMENT 'transferred from',
    `conference_from` Nullable(String) COMMENT 'conferenced from',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_agent_interactions', '{replica}', `_version`)
PARTITION BY toYYYYMM(`accept_timestamp`)
ORDER BY (`_source`, `interaction_id`, `agent_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_agent_interactions` ON CLUSTER `ccwh_cluster`
(
    `interaction_id` Int64 COMMENT 'interaction id',
    `agent_id` String COMMENT 'agent login id',
    `agent_name` Nullable(String) COMMENT 'agent name',
    `group_id` Nullable(Int64) COMMENT 'group id',
    `group_name` Nullable(String) COMMENT 'group name',
    `accept_timestamp` DateTime('UTC') COMMENT 'when the agent accepted it',
    `process_time` Nullable(Int64) COMMENT 'processing time, seconds',
    `post_process_time` Nullable(Int64) COMMENT 'post-processing time, seconds',
    `finish_timestamp` Nullable(DateTime('UTC')) COMMENT 'when the agent finished',
    `transfer_from` Nullable(String) COMMENT 'transferred from',
    `conference_from` Nullable(String) COMMENT 'conferenced from',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_agent_interactions_local', cityHash64(`interaction_id`, `agent_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_agent_status_stats_local` ON CLUSTER `ccwh_cluster`
(
    `period_start` DateTime('UTC') COMMENT 'period start',
    `period_end` Nullable(DateTime('UTC')) COMMENT 'period end',
    `agent_id` String COMMENT 'agent login id',
    `agent_name` Nullable(String) COMMENT 'agent name',
    `group_id` Nullable(Int64) COMMENT 'group id',
    `group_name` Nullable(String) COMMENT 'group name',
    `status_waiting` Nullable(Int64) COMMENT 'seconds available, waiting',
    `status_processing` Nullable(Int64) COMMENT 'seconds processing',
    `status_post_processing` Nullable(Int64) COMMENT 'seconds post-processing',
    `status_working_offline` Nullable(Int64) COMMENT 'seconds working offline',
    `status_transaction_offered` Nullable(Int64) COMMENT 'seconds being offered a transaction',
    `status_break` Nullable(Int64) COMMENT 'seconds on break',
    `time_logged_in` Nullable(Int64) COMMENT 'seconds logged in',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_agent_status_stats', '{replica}', `_version`)
PARTITION BY toYYYYMM(`period_start`)
ORDER BY (`_source`, `agent_id`, `period_start`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_agent_status_stats` ON CLUSTER `ccwh_cluster`
(
    `period_start` DateTime('UTC') COMMENT 'period start',
    `period_end` Nullable(DateTime('UTC')) COMMENT 'period end',
    `agent_id` String COMMENT 'agent login id',
    `agent_name` Nullable(String) COMMENT 'agent name',
    `group_id` Nullable(Int64) COMMENT 'group id',
    `group_name` Nullable(String) COMMENT 'group name',
    `status_waiting` Nullable(Int64) COMMENT 'seconds available, waiting',
    `status_processing` Nullable(Int64) COMMENT 'seconds processing',
    `status_post_processing` Nullable(Int64) COMMENT 'seconds post-processing',
    `status_working_offline` Nullable(Int64) COMMENT 'seconds working offline',
    `status_transaction_offered` Nullable(Int64) COMMENT 'seconds being offered a transaction',
    `status_break` Nullable(Int64) COMMENT 'seconds on break',
    `time_logged_in` Nullable(Int64) COMMENT 'seconds logged in',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_agent_status_stats_local', cityHash64(`agent_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_agent_statuses_local` ON CLUSTER `ccwh_cluster`
(
    `agent_id` String COMMENT 'agent login id',
    `agent_name` Nullable(String) COMMENT 'agent name',
    `group_id` Nullable(Int64) COMMENT 'group id',
    `group_name` Nullable(String) COMMENT 'group name',
    `status` LowCardinality(Nullable(String)) COMMENT 'status label, e.g. On Break (the record element <status> has a child <status>)',
    `event_time` DateTime('UTC') COMMENT 'when the status changed',
    `scl_list_id` Nullable(Int64) COMMENT 'status code list id (/scls)',
    `scl_item_id` Nullable(Int64) COMMENT 'status code item id',
    `scl_item_shortcode_text` Nullable(String) COMMENT 'status code short text',
    `scl_item_report_text` Nullable(String) COMMENT 'status code report text',
    `transaction_id` Int64 COMMENT 'event id',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_agent_statuses', '{replica}', `_version`)
PARTITION BY toYYYYMM(`event_time`)
ORDER BY (`_source`, `agent_id`, `event_time`, `transaction_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_agent_statuses` ON CLUSTER `ccwh_cluster`
(
    `agent_id` String COMMENT 'agent login id',
    `agent_name` Nullable(String) COMMENT 'agent name',
    `group_id` Nullable(Int64) COMMENT 'group id',
    `group_name` Nullable(String) COMMENT 'group name',
    `status` LowCardinality(Nullable(String)) COMMENT 'status label, e.g. On Break (the record element <status> has a child <status>)',
    `event_time` DateTime('UTC') COMMENT 'when the status changed',
    `scl_list_id` Nullable(Int64) COMMENT 'status code list id (/scls)',
    `scl_item_id` Nullable(Int64) COMMENT 'status code item id',
    `scl_item_shortcode_text` Nullable(String) COMMENT 'status code short text',
    `scl_item_report_text` Nullable(String) COMMENT 'status code report text',
    `transaction_id` Int64 COMMENT 'event id',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_agent_statuses_local', cityHash64(`agent_id`, `transaction_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_agents_local` ON CLUSTER `ccwh_cluster`
(
    `agent_id` String COMMENT 'agent login id',
    `group_id` Nullable(Int64) COMMENT 'agent\'s group id',
    `date_hired_date` Nullable(Date) COMMENT 'hire date (YYYY-MM-DD)',
    `direct_agent_access` Nullable(UInt8) COMMENT 'direct agent access enabled (yes/no)',
    `email_address` Nullable(String) COMMENT 'e-mail address',
    `enabled` Nullable(UInt8) COMMENT 'agent enabled (Y/N)',
    `first_name` Nullable(String) COMMENT 'first name',
    `full_name` Nullable(String) COMMENT 'full name',
    `last_name` Nullable(String) COMMENT 'last name',
    `phone_used` LowCardinality(Nullable(String)) COMMENT 'phone type, e.g. PSTN (enum not documented)',
    `phone_extension` Nullable(String) COMMENT 'extension; text because of leading zeros',
    `user_rights` LowCardinality(Nullable(String)) COMMENT 'user rights, e.g. agent (enum not documented)',
    `voice_mail_activated` Nullable(UInt8) COMMENT 'voice mail activated (yes/no)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_agents', '{replica}', `_version`)
ORDER BY (`_source`, `agent_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_agents` ON CLUSTER `ccwh_cluster`
(
    `agent_id` String COMMENT 'agent login id',
    `group_id` Nullable(Int64) COMMENT 'agent\'s group id',
    `date_hired_date` Nullable(Date) COMMENT 'hire date (YYYY-MM-DD)',
    `direct_agent_access` Nullable(UInt8) COMMENT 'direct agent access enabled (yes/no)',
    `email_address` Nullable(String) COMMENT 'e-mail address',
    `enabled` Nullable(UInt8) COMMENT 'agent enabled (Y/N)',
    `first_name` Nullable(String) COMMENT 'first name',
    `full_name` Nullable(String) COMMENT 'full name',
    `last_name` Nullable(String) COMMENT 'last name',
    `phone_used` LowCardinality(Nullable(String)) COMMENT 'phone type, e.g. PSTN (enum not documented)',
    `phone_extension` Nullable(String) COMMENT 'extension; text because of leading zeros',
    `user_rights` LowCardinality(Nullable(String)) COMMENT 'user rights, e.g. agent (enum not documented)',
    `voice_mail_activated` Nullable(UInt8) COMMENT 'voice mail activated (yes/no)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_agents_local', cityHash64(`agent_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_campaign_interactions_local` ON CLUSTER `ccwh_cluster`
(
    `campaign_name` Nullable(String) COMMENT 'campaign name',
    `campaign_id` Int64 COMMENT 'campaign id',
    `agent_name` Nullable(String) COMMENT 'agent name',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `accept_timestamp` DateTime('UTC') COMMENT 'when the agent accepted the call',
    `record_status` Nullable(Int64) COMMENT '0 New, 1 Queued, 2 Accepted, 3 Completed, 4 Scheduled, 5 API Scheduled, 6 Deleted, 7 Sent to Interaction Router (enum interaction_record_status)',
    `record_id` Nullable(String) COMMENT 'campaign record id',
    `interaction_id` Int64 COMMENT 'interaction id',
    `wrap_up_code` Nullable(String) COMMENT 'wrap-up code',
    `wrap_up_text` Nullable(String) COMMENT 'wrap-up text',
    `disposition_code` Nullable(Int64) COMMENT '1000 None, 1001 Try Again, 1002 Scheduled Call Back (enum disposition_code)',
    `called_number` Nullable(String) COMMENT 'number dialled',
    `ext_trans_data` Nullable(String) COMMENT 'external transaction data, [name|value] pairs',
    `process_time` Nullable(Int64) COMMENT 'processing time, seconds (documented)',
    `post_process_time` Nullable(Int64) COMMENT 'post-processing time, seconds (documented)',
    `total_process_time` Nullable(Int64) COMMENT 'process + post-process, seconds (documented)',
    `recording_filename` Nullable(String) COMMENT 'recording file, S<YYYYMMDD>/R….wav; joins vcc_recordings',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_campaign_interactions', '{replica}', `_version`)
PARTITION BY toYYYYMM(`accept_timestamp`)
ORDER BY (`_source`, `campaign_id`, `interaction_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_campaign_interactions` ON CLUSTER `ccwh_cluster`
(
    `campaign_name` Nullable(String) COMMENT 'campaign name',
    `campaign_id` Int64 COMMENT 'campaign id',
    `agent_name` Nullable(String) COMMENT 'agent name',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `accept_timestamp` DateTime('UTC') COMMENT 'when the agent accepted the call',
    `record_status` Nullable(Int64) COMMENT '0 New, 1 Queued, 2 Accepted, 3 Completed, 4 Scheduled, 5 API Scheduled, 6 Deleted, 7 Sent to Interaction Router (enum interaction_record_status)',
    `record_id` Nullable(String) COMMENT 'campaign record id',
    `interaction_id` Int64 COMMENT 'interaction id',
    `wrap_up_code` Nullable(String) COMMENT 'wrap-up code',
    `wrap_up_text` Nullable(String) COMMENT 'wrap-up text',
    `disposition_code` Nullable(Int64) COMMENT '1000 None, 1001 Try Again, 1002 Scheduled Call Back (enum disposition_code)',
    `called_number` Nullable(String) COMMENT 'number dialled',
    `ext_trans_data` Nullable(String) COMMENT 'external transaction data, [name|value] pairs',
    `process_time` Nullable(Int64) COMMENT 'processing time, seconds (documented)',
    `post_process_time` Nullable(Int64) COMMENT 'post-processing time, seconds (documented)',
    `total_process_time` Nullable(Int64) COMMENT 'process + post-process, seconds (documented)',
    `recording_filename` Nullable(String) COMMENT 'recording file, S<YYYYMMDD>/R….wav; joins vcc_recordings',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_campaign_interactions_local', cityHash64(`campaign_id`, `interaction_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_campaign_records_local` ON CLUSTER `ccwh_cluster`
(
    `campaign_name` Nullable(String) COMMENT 'campaign name',
    `campaign_id` Int64 COMMENT 'campaign id',
    `record_id` String COMMENT 'record id (Salesforce-style)',
    `phone_list` Nullable(String) COMMENT 'label|number pairs',
    `status` Nullable(Int64) COMMENT '0 New, 1 Queued, 2 Accepted, 3 Completed, 4 Scheduled (enum record_status)',
    `status_code` Nullable(Int64) COMMENT '0 Default, 1 Max Attempt Reached, 2 Skipped, 3 No Phone Number, 4 Invalid Phone Number (2–4 inferred; enum record_status_code)',
    `ext_trans_data` Nullable(String) COMMENT 'external transaction data, [name|value] pairs',
    `disposition_code` Nullable(Int64) COMMENT '1000 None, 1001 Try Again, 1002 Scheduled Call Back (enum disposition_code)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_campaign_records', '{replica}', `_version`)
ORDER BY (`_source`, `campaign_id`, `record_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_campaign_records` ON CLUSTER `ccwh_cluster`
(
    `campaign_name` Nullable(String) COMMENT 'campaign name',
    `campaign_id` Int64 COMMENT 'campaign id',
    `record_id` String COMMENT 'record id (Salesforce-style)',
    `phone_list` Nullable(String) COMMENT 'label|number pairs',
    `status` Nullable(Int64) COMMENT '0 New, 1 Queued, 2 Accepted, 3 Completed, 4 Scheduled (enum record_status)',
    `status_code` Nullable(Int64) COMMENT '0 Default, 1 Max Attempt Reached, 2 Skipped, 3 No Phone Number, 4 Invalid Phone Number (2–4 inferred; enum record_status_code)',
    `ext_trans_data` Nullable(String) COMMENT 'external transaction data, [name|value] pairs',
    `disposition_code` Nullable(Int64) COMMENT '1000 None, 1001 Try Again, 1002 Scheduled Call Back (enum disposition_code)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_campaign_records_local', cityHash64(`campaign_id`, `record_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_campaigns_local` ON CLUSTER `ccwh_cluster`
(
    `campaign_name` Nullable(String) COMMENT 'campaign name',
    `campaign_id` Int64 COMMENT 'campaign id',
    `enabled` Nullable(UInt8) COMMENT 'campaign enabled (Y/N)',
    `status` Nullable(Int64) COMMENT '0 New, 1 Manual Started, 2 Schedule Started, 3 Manual Running, 4 Schedule Running, 5 Manual Stopped, 6 Completed, 7 Scheduled Stopped, 8 Manual Paused, 9 Schedule Paused, 10 Manual Purged, 11 Schedule Purged (vcc_code_labels enum campaign_status)',
    `no_of_records` Nullable(Int64) COMMENT 'number of records',
    `caller_id` Nullable(String) COMMENT 'caller id shown to the called party',
    `start_time` Nullable(DateTime('UTC')) COMMENT 'scheduled start',
    `end_time` Nullable(DateTime('UTC')) COMMENT 'scheduled end',
    `actual_run_time` Nullable(DateTime('UTC')) COMMENT 'when it actually started',
    `actual_stop_time` Nullable(DateTime('UTC')) COMMENT 'when it actually stopped',
    `daily_start_time` Nullable(Int64) COMMENT 'daily start, minutes from midnight (documented)',
    `daily_end_time` Nullable(Int64) COMMENT 'daily end, minutes from midnight (documented)',
    `retry_interval` Nullable(Int64) COMMENT 'retry interval, minutes (documented)',
    `max_retry` Nullable(Int64) COMMENT 'maximum retries',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_campaigns', '{replica}', `_version`)
ORDER BY (`_source`, `campaign_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_campaigns` ON CLUSTER `ccwh_cluster`
(
    `campaign_name` Nullable(String) COMMENT 'campaign name',
    `campaign_id` Int64 COMMENT 'campaign id',
    `enabled` Nullable(UInt8) COMMENT 'campaign enabled (Y/N)',
    `status` Nullable(Int64) COMMENT '0 New, 1 Manual Started, 2 Schedule Started, 3 Manual Running, 4 Schedule Running, 5 Manual Stopped, 6 Completed, 7 Scheduled Stopped, 8 Manual Paused, 9 Schedule Paused, 10 Manual Purged, 11 Schedule Purged (vcc_code_labels enum campaign_status)',
    `no_of_records` Nullable(Int64) COMMENT 'number of records',
    `caller_id` Nullable(String) COMMENT 'caller id shown to the called party',
    `start_time` Nullable(DateTime('UTC')) COMMENT 'scheduled start',
    `end_time` Nullable(DateTime('UTC')) COMMENT 'scheduled end',
    `actual_run_time` Nullable(DateTime('UTC')) COMMENT 'when it actually started',
    `actual_stop_time` Nullable(DateTime('UTC')) COMMENT 'when it actually stopped',
    `daily_start_time` Nullable(Int64) COMMENT 'daily start, minutes from midnight (documented)',
    `daily_end_time` Nullable(Int64) COMMENT 'daily end, minutes from midnight (documented)',
    `retry_interval` Nullable(Int64) COMMENT 'retry interval, minutes (documented)',
    `max_retry` Nullable(Int64) COMMENT 'maximum retries',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_campaigns_local', cityHash64(`campaign_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_channels_local` ON CLUSTER `ccwh_cluster`
(
    `channel_id` Int64 COMMENT 'channel id',
    `channel_name` Nullable(String) COMMENT 'channel name: a number, an e-mail address or a chat name',
    `channel_desc` Nullable(String) COMMENT 'channel description',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_channels', '{replica}', `_version`)
ORDER BY (`_source`, `channel_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_channels` ON CLUSTER `ccwh_cluster`
(
    `channel_id` Int64 COMMENT 'channel id',
    `channel_name` Nullable(String) COMMENT 'channel name: a number, an e-mail address or a chat name',
    `channel_desc` Nullable(String) COMMENT 'channel description',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_channels_local', cityHash64(`channel_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_chat_channels_local` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'channel id',
    `name` Nullable(String) COMMENT 'channel name',
    `web_hook_id` Nullable(String) COMMENT 'webhook the channel\'s events go to',
    `routing_options_type` Nullable(String) COMMENT 'routingOptions.type (queue)',
    `routing_options_id` Nullable(String) COMMENT 'routingOptions.id: the queue id',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_chat_channels', '{replica}', `_version`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_chat_channels` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'channel id',
    `name` Nullable(String) COMMENT 'channel name',
    `web_hook_id` Nullable(String) COMMENT 'webhook the channel\'s events go to',
    `routing_options_type` Nullable(String) COMMENT 'routingOptions.type (queue)',
    `routing_options_id` Nullable(String) COMMENT 'routingOptions.id: the queue id',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_chat_channels_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_chat_conversations_local` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'conversation id (opaque)',
    `channel_id` Nullable(String) COMMENT 'channel the conversation came in on',
    `start_time` DateTime('UTC') COMMENT 'conversation start (UTC)',
    `customer_name` Nullable(String) COMMENT 'customer.name',
    `customer_customer_id` Nullable(String) COMMENT 'customer.customerId',
    `customer_email` Nullable(String) COMMENT 'customer.email',
    `customer_company` Nullable(String) COMMENT 'customer.company',
    `customer_case_id` Nullable(String) COMMENT 'customer.caseId',
    `customer_language` LowCardinality(Nullable(String)) COMMENT 'customer.language (en, de, zh-CN, …)',
    `customer_attributes` Nullable(String) COMMENT 'customer\'s custom string properties (additionalProperties) as a JSON object',
    `interaction_count` Nullable(Int64) COMMENT 'ccwh: number of interactions',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_chat_conversations', '{replica}', `_version`)
PARTITION BY toYYYYMM(`start_time`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_chat_conversations` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'conversation id (opaque)',
    `channel_id` Nullable(String) COMMENT 'channel the conversation came in on',
    `start_time` DateTime('UTC') COMMENT 'conversation start (UTC)',
    `customer_name` Nullable(String) COMMENT 'customer.name',
    `customer_customer_id` Nullable(String) COMMENT 'customer.customerId',
    `customer_email` Nullable(String) COMMENT 'customer.email',
    `customer_company` Nullable(String) COMMENT 'customer.company',
    `customer_case_id` Nullable(String) COMMENT 'customer.caseId',
    `customer_language` LowCardinality(Nullable(String)) COMMENT 'customer.language (en, de, zh-CN, …)',
    `customer_attributes` Nullable(String) COMMENT 'customer\'s custom string properties (additionalProperties) as a JSON object',
    `interaction_count` Nullable(Int64) COMMENT 'ccwh: number of interactions',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_chat_conversations_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_chat_interactions_local` ON CLUSTER `ccwh_cluster`
(
    `conversation_id` String COMMENT 'ccwh: the conversation',
    `id` String COMMENT 'interaction id (int-…-chat-00-<tenant>)',
    `start_time` Nullable(DateTime('UTC')) COMMENT 'interaction start (UTC)',
    `end_time` Nullable(DateTime('UTC')) COMMENT 'interaction end (UTC); NULL while ongoing',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_chat_interactions', '{replica}', `_version`)
ORDER BY (`_source`, `conversation_id`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_chat_interactions` ON CLUSTER `ccwh_cluster`
(
    `conversation_id` String COMMENT 'ccwh: the conversation',
    `id` String COMMENT 'interaction id (int-…-chat-00-<tenant>)',
    `start_time` Nullable(DateTime('UTC')) COMMENT 'interaction start (UTC)',
    `end_time` Nullable(DateTime('UTC')) COMMENT 'interaction end (UTC); NULL while ongoing',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_chat_interactions_local', cityHash64(`conversation_id`, `id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_chat_messages_local` ON CLUSTER `ccwh_cluster`
(
    `conversation_id` String COMMENT 'ccwh: the conversation',
    `interaction_id` String COMMENT 'interaction during which the message was written',
    `position` Int64 COMMENT 'ccwh: 1-based position in the conversation\'s message list',
    `original_text` Nullable(String) COMMENT 'message as written by the sender',
    `translated_text` Nullable(String) COMMENT 'message as read by the receiver',
    `author_type` LowCardinality(Nullable(String)) COMMENT 'bot, user, system or agent (extensible)',
    `participant_id` Nullable(String) COMMENT 'id of the user who wrote the message',
    `type` LowCardinality(Nullable(String)) COMMENT 'type (required by the schema but not defined; kept when sent)',
    `sender_id` Nullable(String) COMMENT 'senderId (required by the schema but not defined; kept when sent)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_chat_messages', '{replica}', `_version`)
ORDER BY (`_source`, `conversation_id`, `interaction_id`, `position`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_chat_messages` ON CLUSTER `ccwh_cluster`
(
    `conversation_id` String COMMENT 'ccwh: the conversation',
    `interaction_id` String COMMENT 'interaction during which the message was written',
    `position` Int64 COMMENT 'ccwh: 1-based position in the conversation\'s message list',
    `original_text` Nullable(String) COMMENT 'message as written by the sender',
    `translated_text` Nullable(String) COMMENT 'message as read by the receiver',
    `author_type` LowCardinality(Nullable(String)) COMMENT 'bot, user, system or agent (extensible)',
    `participant_id` Nullable(String) COMMENT 'id of the user who wrote the message',
    `type` LowCardinality(Nullable(String)) COMMENT 'type (required by the schema but not defined; kept when sent)',
    `sender_id` Nullable(String) COMMENT 'senderId (required by the schema but not defined; kept when sent)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_chat_messages_local', cityHash64(`conversation_id`, `interaction_id`, `position`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_chat_participants_local` ON CLUSTER `ccwh_cluster`
(
    `conversation_id` String COMMENT 'ccwh: the conversation',
    `id` String COMMENT 'participant id (agent id, customer, bot)',
    `type` LowCardinality(Nullable(String)) COMMENT 'author type: bot, user, system, agent (extensible)',
    `language` LowCardinality(Nullable(String)) COMMENT 'participant language',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_chat_participants', '{replica}', `_version`)
ORDER BY (`_source`, `conversation_id`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_chat_participants` ON CLUSTER `ccwh_cluster`
(
    `conversation_id` String COMMENT 'ccwh: the conversation',
    `id` String COMMENT 'participant id (agent id, customer, bot)',
    `type` LowCardinality(Nullable(String)) COMMENT 'author type: bot, user, system, agent (extensible)',
    `language` LowCardinality(Nullable(String)) COMMENT 'participant language',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_chat_participants_local', cityHash64(`conversation_id`, `id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_chat_webhooks_local` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'webhook id',
    `name` Nullable(String) COMMENT 'webhook name',
    `uri` Nullable(String) COMMENT 'absolute URI events are posted to',
    `version` LowCardinality(Nullable(String)) COMMENT 'event API version: v1.0 or v2.0',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_chat_webhooks', '{replica}', `_version`)
ORDER BY (`_source`, `id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_chat_webhooks` ON CLUSTER `ccwh_cluster`
(
    `id` String COMMENT 'webhook id',
    `name` Nullable(String) COMMENT 'webhook name',
    `uri` Nullable(String) COMMENT 'absolute URI events are posted to',
    `version` LowCardinality(Nullable(String)) COMMENT 'event API version: v1.0 or v2.0',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_chat_webhooks_local', cityHash64(`id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_code_labels_local` ON CLUSTER `ccwh_cluster`
(
    `enum` LowCardinality(String) COMMENT 'enum name, e.g. campaign_status; the tables\' column docs name theirs',
    `code` String COMMENT 'code as the vendor sends it',
    `label` Nullable(String) COMMENT 'documented label',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_code_labels', '{replica}', `_version`)
ORDER BY (`_source`, `enum`, `code`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_code_labels` ON CLUSTER `ccwh_cluster`
(
    `enum` LowCardinality(String) COMMENT 'enum name, e.g. campaign_status; the tables\' column docs name theirs',
    `code` String COMMENT 'code as the vendor sends it',
    `label` Nullable(String) COMMENT 'documented label',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_code_labels_local', cityHash64(`enum`, `code`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_groups_local` ON CLUSTER `ccwh_cluster`
(
    `group_id` Int64 COMMENT 'group id',
    `group_name` Nullable(String) COMMENT 'group name',
    `deleted` Nullable(UInt8) COMMENT 'group is deleted (Yes/No)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_groups', '{replica}', `_version`)
ORDER BY (`_source`, `group_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_groups` ON CLUSTER `ccwh_cluster`
(
    `group_id` Int64 COMMENT 'group id',
    `group_name` Nullable(String) COMMENT 'group name',
    `deleted` Nullable(UInt8) COMMENT 'group is deleted (Yes/No)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_groups_local', cityHash64(`group_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_interactions_local` ON CLUSTER `ccwh_cluster`
(
    `media_type` LowCardinality(Nullable(String)) COMMENT 'Phone, Chat, Email or Voice Mail',
    `channel_obj_id` Nullable(Int64) COMMENT 'channel object id',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `interaction_id` Int64 COMMENT 'interaction id',
    `orig_interaction_id` Nullable(Int64) COMMENT 'original interaction id (transfers)',
    `origination` Nullable(String) COMMENT 'caller number or agent id',
    `destination_original` Nullable(String) COMMENT 'dialled destination',
    `destination_translated` Nullable(String) COMMENT 'translated destination',
    `customer_name` Nullable(String) COMMENT 'customer name; N/A, N/A when unknown',
    `case_id` Nullable(String) COMMENT 'case id',
    `interaction_direction` LowCardinality(Nullable(String)) COMMENT 'empty, inbound or outbound',
    `interaction_type` LowCardinality(Nullable(String)) COMMENT 'empty, Web Callback, DAA, Fwd to Ext. Number, Campaign or Consult',
    `dial_code` Nullable(String) COMMENT 'dial code',
    `dial_text` Nullable(String) COMMENT 'dial text',
    `create_timestamp` DateTime('UTC') COMMENT 'when the interaction was created',
    `agent_name` Nullable(String) COMMENT 'agent name (filled about an hour after the call)',
    `accept_timestamp` Nullable(DateTime('UTC')) COMMENT 'when an agent accepted it',
    `process_time` Nullable(Int64) COMMENT 'processing time, seconds',
    `post_process_time` Nullable(Int64) COMMENT 'post-processing time, seconds',
    `total_time` Nullable(Int64) COMMENT 'total time, seconds',
    `abandon_timestamp` Nullable(DateTime('UTC')) COMMENT 'when the caller abandoned',
    `voice_message_left` Nullable(UInt8) COMMENT 'voice message left (Y/N)',
    `recording_filename` Nullable(String) COMMENT 'recording file, S<YYYYMMDD>/R….wav',
    `ivr_treatment_time` Nullable(Int64) COMMENT 'time in IVR, seconds',
    `transfer_from` Nullable(String) COMMENT 'transferred from',
    `conference_from` Nullable(String) COMMENT 'conferenced from',
    `max_hold_time` Nullable(Int64) COMMENT 'longest hold, seconds',
    `hold_count` Nullable(Int64) COMMENT 'number of holds',
    `total_hold_time` Nullable(Int64) COMMENT 'total hold, seconds',
    `call_leg1_post_dial_delay` Nullable(Int64) COMMENT 'leg 1 post-dial delay',
    `call_leg2_post_dial_delay` Nullable(Int64) COMMENT 'leg 2 post-dial delay',
    `call_leg1_answer_time` Nullable(Int64) COMMENT 'leg 1 answer time',
    `call_leg2_answer_time` Nullable(Int64) COMMENT 'leg 2 answer time',
    `call_leg1_sip_id` Nullable(String) COMMENT 'leg 1 SIP id',
    `call_leg2_sip_id` Nullable(String) COMMENT 'leg 2 SIP id',
    `inbound_sip_id` Nullable(String) COMMENT 'inbound SIP id',
    `notes` Nullable(String) COMMENT 'notes',
    `campaign_name` Nullable(String) COMMENT 'campaign name',
    `record_id` Nullable(String) COMMENT 'campaign record id',
    `record_status` Nullable(Int64) COMMENT '0 New, 1 Queued, 2 Accepted, 3 Completed, 4 Scheduled, 5 API Scheduled, 6 Deleted, 7 Sent to Interaction Router',
    `disposition_code` Nullable(Int64) COMMENT '1000 None, 1001 Try Again, 1002 Scheduled Call Back',
    `ext_trans_data` Nullable(String) COMMENT 'external transaction data, [name|value] pairs',
    `wrap_up_code` Nullable(String) COMMENT 'wrap-up code; N/A when none',
    `wrap_up_text` Nullable(String) COMMENT 'wrap-up text; N/A when none',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_interactions', '{replica}', `_version`)
PARTITION BY toYYYYMM(`create_timestamp`)
ORDER BY (`_source`, `interaction_id`, `create_timestamp`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_interactions` ON CLUSTER `ccwh_cluster`
(
    `media_type` LowCardinality(Nullable(String)) COMMENT 'Phone, Chat, Email or Voice Mail',
    `channel_obj_id` Nullable(Int64) COMMENT 'channel object id',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `interaction_id` Int64 COMMENT 'interaction id',
    `orig_interaction_id` Nullable(Int64) COMMENT 'original interaction id (transfers)',
    `origination` Nullable(String) COMMENT 'caller number or agent id',
    `destination_original` Nullable(String) COMMENT 'dialled destination',
    `destination_translated` Nullable(String) COMMENT 'translated destination',
    `customer_name` Nullable(String) COMMENT 'customer name; N/A, N/A when unknown',
    `case_id` Nullable(String) COMMENT 'case id',
    `interaction_direction` LowCardinality(Nullable(String)) COMMENT 'empty, inbound or outbound',
    `interaction_type` LowCardinality(Nullable(String)) COMMENT 'empty, Web Callback, DAA, Fwd to Ext. Number, Campaign or Consult',
    `dial_code` Nullable(String) COMMENT 'dial code',
    `dial_text` Nullable(String) COMMENT 'dial text',
    `create_timestamp` DateTime('UTC') COMMENT 'when the interaction was created',
    `agent_name` Nullable(String) COMMENT 'agent name (filled about an hour after the call)',
    `accept_timestamp` Nullable(DateTime('UTC')) COMMENT 'when an agent accepted it',
    `process_time` Nullable(Int64) COMMENT 'processing time, seconds',
    `post_process_time` Nullable(Int64) COMMENT 'post-processing time, seconds',
    `total_time` Nullable(Int64) COMMENT 'total time, seconds',
    `abandon_timestamp` Nullable(DateTime('UTC')) COMMENT 'when the caller abandoned',
    `voice_message_left` Nullable(UInt8) COMMENT 'voice message left (Y/N)',
    `recording_filename` Nullable(String) COMMENT 'recording file, S<YYYYMMDD>/R….wav',
    `ivr_treatment_time` Nullable(Int64) COMMENT 'time in IVR, seconds',
    `transfer_from` Nullable(String) COMMENT 'transferred from',
    `conference_from` Nullable(String) COMMENT 'conferenced from',
    `max_hold_time` Nullable(Int64) COMMENT 'longest hold, seconds',
    `hold_count` Nullable(Int64) COMMENT 'number of holds',
    `total_hold_time` Nullable(Int64) COMMENT 'total hold, seconds',
    `call_leg1_post_dial_delay` Nullable(Int64) COMMENT 'leg 1 post-dial delay',
    `call_leg2_post_dial_delay` Nullable(Int64) COMMENT 'leg 2 post-dial delay',
    `call_leg1_answer_time` Nullable(Int64) COMMENT 'leg 1 answer time',
    `call_leg2_answer_time` Nullable(Int64) COMMENT 'leg 2 answer time',
    `call_leg1_sip_id` Nullable(String) COMMENT 'leg 1 SIP id',
    `call_leg2_sip_id` Nullable(String) COMMENT 'leg 2 SIP id',
    `inbound_sip_id` Nullable(String) COMMENT 'inbound SIP id',
    `notes` Nullable(String) COMMENT 'notes',
    `campaign_name` Nullable(String) COMMENT 'campaign name',
    `record_id` Nullable(String) COMMENT 'campaign record id',
    `record_status` Nullable(Int64) COMMENT '0 New, 1 Queued, 2 Accepted, 3 Completed, 4 Scheduled, 5 API Scheduled, 6 Deleted, 7 Sent to Interaction Router',
    `disposition_code` Nullable(Int64) COMMENT '1000 None, 1001 Try Again, 1002 Scheduled Call Back',
    `ext_trans_data` Nullable(String) COMMENT 'external transaction data, [name|value] pairs',
    `wrap_up_code` Nullable(String) COMMENT 'wrap-up code; N/A when none',
    `wrap_up_text` Nullable(String) COMMENT 'wrap-up text; N/A when none',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_interactions_local', cityHash64(`interaction_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_offline_slas_local` ON CLUSTER `ccwh_cluster`
(
    `entity_type` LowCardinality(String) COMMENT 'what the row was read for: agent, queue or channel (added by ccwh)',
    `entity_id` String COMMENT 'id of that agent (login id), queue or channel (added by ccwh)',
    `queue_id` Nullable(Int64) COMMENT 'queue id',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `channel_id` Nullable(Int64) COMMENT 'channel id',
    `time_stamp` DateTime('UTC') COMMENT 'start of the 30-minute period',
    `media_type` LowCardinality(Nullable(String)) COMMENT 'E (e-mail, undocumented code) or V (enum media_code)',
    `entered_count` Nullable(Int64) COMMENT 'interactions entered',
    `accepted_count` Nullable(Int64) COMMENT 'interactions accepted',
    `sla_met_count` Nullable(Int64) COMMENT 'accepted within the SLA',
    `accepted_t0_30min` Nullable(Int64) COMMENT 'accepted after waiting t0-30min',
    `accepted_t30min_1hr` Nullable(Int64) COMMENT 'accepted after waiting t30min-1hr',
    `accepted_t1hr_1hr30min` Nullable(Int64) COMMENT 'accepted after waiting t1hr-1hr30min',
    `accepted_t1hr30min_2hr` Nullable(Int64) COMMENT 'accepted after waiting t1hr30min-2hr',
    `accepted_t2hr_3hr` Nullable(Int64) COMMENT 'accepted after waiting t2hr-3hr',
    `accepted_t3hr_or_more` Nullable(Int64) COMMENT 'accepted after waiting t3hr-or-more',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_offline_slas', '{replica}', `_version`)
PARTITION BY toYYYYMM(`time_stamp`)
ORDER BY (`_source`, `entity_type`, `entity_id`, `time_stamp`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_offline_slas` ON CLUSTER `ccwh_cluster`
(
    `entity_type` LowCardinality(String) COMMENT 'what the row was read for: agent, queue or channel (added by ccwh)',
    `entity_id` String COMMENT 'id of that agent (login id), queue or channel (added by ccwh)',
    `queue_id` Nullable(Int64) COMMENT 'queue id',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `channel_id` Nullable(Int64) COMMENT 'channel id',
    `time_stamp` DateTime('UTC') COMMENT 'start of the 30-minute period',
    `media_type` LowCardinality(Nullable(String)) COMMENT 'E (e-mail, undocumented code) or V (enum media_code)',
    `entered_count` Nullable(Int64) COMMENT 'interactions entered',
    `accepted_count` Nullable(Int64) COMMENT 'interactions accepted',
    `sla_met_count` Nullable(Int64) COMMENT 'accepted within the SLA',
    `accepted_t0_30min` Nullable(Int64) COMMENT 'accepted after waiting t0-30min',
    `accepted_t30min_1hr` Nullable(Int64) COMMENT 'accepted after waiting t30min-1hr',
    `accepted_t1hr_1hr30min` Nullable(Int64) COMMENT 'accepted after waiting t1hr-1hr30min',
    `accepted_t1hr30min_2hr` Nullable(Int64) COMMENT 'accepted after waiting t1hr30min-2hr',
    `accepted_t2hr_3hr` Nullable(Int64) COMMENT 'accepted after waiting t2hr-3hr',
    `accepted_t3hr_or_more` Nullable(Int64) COMMENT 'accepted after waiting t3hr-or-more',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_offline_slas_local', cityHash64(`entity_type`, `entity_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_online_slas_local` ON CLUSTER `ccwh_cluster`
(
    `entity_type` LowCardinality(String) COMMENT 'what the row was read for: agent, queue or channel (added by ccwh)',
    `entity_id` String COMMENT 'id of that agent (login id), queue or channel (added by ccwh)',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `channel_id` Nullable(Int64) COMMENT 'channel id',
    `time_stamp` DateTime('UTC') COMMENT 'start of the 30-minute period',
    `media_type` LowCardinality(Nullable(String)) COMMENT 'T, V, C or Z (enum media_code)',
    `entered_count` Nullable(Int64) COMMENT 'interactions entered',
    `accepted_count` Nullable(Int64) COMMENT 'interactions accepted',
    `sla_met_count` Nullable(Int64) COMMENT 'accepted within the SLA',
    `accepted_t0_5sec` Nullable(Int64) COMMENT 'accepted after waiting t0-5sec',
    `accepted_t5_10sec` Nullable(Int64) COMMENT 'accepted after waiting t5-10sec',
    `accepted_t10_20sec` Nullable(Int64) COMMENT 'accepted after waiting t10-20sec',
    `accepted_t20_30sec` Nullable(Int64) COMMENT 'accepted after waiting t20-30sec',
    `accepted_t30_40sec` Nullable(Int64) COMMENT 'accepted after waiting t30-40sec',
    `accepted_t30_45sec` Nullable(Int64) COMMENT 'accepted after waiting t30-45sec',
    `accepted_t45_1min` Nullable(Int64) COMMENT 'accepted after waiting t45-1min',
    `accepted_t1_2min` Nullable(Int64) COMMENT 'accepted after waiting t1-2min',
    `accepted_t2_5min` Nullable(Int64) COMMENT 'accepted after waiting t2-5min',
    `accepted_t5_10min` Nullable(Int64) COMMENT 'accepted after waiting t5-10min',
    `accepted_t10_or_more` Nullable(Int64) COMMENT 'accepted after waiting t10-or-more',
    `abandoned_t0_5sec` Nullable(Int64) COMMENT 'abandoned after waiting t0-5sec',
    `abandoned_t5_10sec` Nullable(Int64) COMMENT 'abandoned after waiting t5-10sec',
    `abandoned_t10_20sec` Nullable(Int64) COMMENT 'abandoned after waiting t10-20sec',
    `abandoned_t20_30sec` Nullable(Int64) COMMENT 'abandoned after waiting t20-30sec',
    `abandoned_t30_40sec` Nullable(Int64) COMMENT 'abandoned after waiting t30-40sec',
    `abandoned_t30_45sec` Nullable(Int64) COMMENT 'abandoned after waiting t30-45sec',
    `abandoned_t45_1min` Nullable(Int64) COMMENT 'abandoned after waiting t45-1min',
    `abandoned_t1_2min` Nullable(Int64) COMMENT 'abandoned after waiting t1-2min',
    `abandoned_t2_5min` Nullable(Int64) COMMENT 'abandoned after waiting t2-5min',
    `abandoned_t5_10min` Nullable(Int64) COMMENT 'abandoned after waiting t5-10min',
    `abandoned_t10_or_more` Nullable(Int64) COMMENT 'abandoned after waiting t10-or-more',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_online_slas', '{replica}', `_version`)
PARTITION BY toYYYYMM(`time_stamp`)
ORDER BY (`_source`, `entity_type`, `entity_id`, `time_stamp`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_online_slas` ON CLUSTER `ccwh_cluster`
(
    `entity_type` LowCardinality(String) COMMENT 'what the row was read for: agent, queue or channel (added by ccwh)',
    `entity_id` String COMMENT 'id of that agent (login id), queue or channel (added by ccwh)',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `channel_id` Nullable(Int64) COMMENT 'channel id',
    `time_stamp` DateTime('UTC') COMMENT 'start of the 30-minute period',
    `media_type` LowCardinality(Nullable(String)) COMMENT 'T, V, C or Z (enum media_code)',
    `entered_count` Nullable(Int64) COMMENT 'interactions entered',
    `accepted_count` Nullable(Int64) COMMENT 'interactions accepted',
    `sla_met_count` Nullable(Int64) COMMENT 'accepted within the SLA',
    `accepted_t0_5sec` Nullable(Int64) COMMENT 'accepted after waiting t0-5sec',
    `accepted_t5_10sec` Nullable(Int64) COMMENT 'accepted after waiting t5-10sec',
    `accepted_t10_20sec` Nullable(Int64) COMMENT 'accepted after waiting t10-20sec',
    `accepted_t20_30sec` Nullable(Int64) COMMENT 'accepted after waiting t20-30sec',
    `accepted_t30_40sec` Nullable(Int64) COMMENT 'accepted after waiting t30-40sec',
    `accepted_t30_45sec` Nullable(Int64) COMMENT 'accepted after waiting t30-45sec',
    `accepted_t45_1min` Nullable(Int64) COMMENT 'accepted after waiting t45-1min',
    `accepted_t1_2min` Nullable(Int64) COMMENT 'accepted after waiting t1-2min',
    `accepted_t2_5min` Nullable(Int64) COMMENT 'accepted after waiting t2-5min',
    `accepted_t5_10min` Nullable(Int64) COMMENT 'accepted after waiting t5-10min',
    `accepted_t10_or_more` Nullable(Int64) COMMENT 'accepted after waiting t10-or-more',
    `abandoned_t0_5sec` Nullable(Int64) COMMENT 'abandoned after waiting t0-5sec',
    `abandoned_t5_10sec` Nullable(Int64) COMMENT 'abandoned after waiting t5-10sec',
    `abandoned_t10_20sec` Nullable(Int64) COMMENT 'abandoned after waiting t10-20sec',
    `abandoned_t20_30sec` Nullable(Int64) COMMENT 'abandoned after waiting t20-30sec',
    `abandoned_t30_40sec` Nullable(Int64) COMMENT 'abandoned after waiting t30-40sec',
    `abandoned_t30_45sec` Nullable(Int64) COMMENT 'abandoned after waiting t30-45sec',
    `abandoned_t45_1min` Nullable(Int64) COMMENT 'abandoned after waiting t45-1min',
    `abandoned_t1_2min` Nullable(Int64) COMMENT 'abandoned after waiting t1-2min',
    `abandoned_t2_5min` Nullable(Int64) COMMENT 'abandoned after waiting t2-5min',
    `abandoned_t5_10min` Nullable(Int64) COMMENT 'abandoned after waiting t5-10min',
    `abandoned_t10_or_more` Nullable(Int64) COMMENT 'abandoned after waiting t10-or-more',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_online_slas_local', cityHash64(`entity_type`, `entity_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_outbound_calls_local` ON CLUSTER `ccwh_cluster`
(
    `agent_id` String COMMENT 'agent login id',
    `agent_name` Nullable(String) COMMENT 'agent name',
    `group_id` Nullable(Int64) COMMENT 'group id',
    `transaction_id` Int64 COMMENT 'transaction id',
    `destination` Nullable(String) COMMENT 'number dialled',
    `start_time` DateTime('UTC') COMMENT 'when the call started',
    `total_time` Nullable(Int64) COMMENT 'total time, seconds',
    `tcl_list_id` Nullable(Int64) COMMENT 'transaction code list id',
    `tcl_item_id` Nullable(Int64) COMMENT 'transaction code item id',
    `tcl_item_shortcode_text` Nullable(String) COMMENT 'transaction code short text',
    `tcl_item_report_text` Nullable(String) COMMENT 'transaction code report text',
    `tcl_outbound_list_id` Nullable(Int64) COMMENT 'outbound code list id',
    `tcl_outbound_item_id` Nullable(Int64) COMMENT 'outbound code item id',
    `tcl_outbound_item_shortcode_text` Nullable(String) COMMENT 'outbound code short text',
    `tcl_outbound_item_report_text` Nullable(String) COMMENT 'outbound code report text',
    `recording_filename` Nullable(String) COMMENT 'recording file, S<YYYYMMDD>/R….wav; joins vcc_recordings',
    `max_hold_time` Nullable(Int64) COMMENT 'longest hold, seconds',
    `hold_count` Nullable(Int64) COMMENT 'number of holds',
    `total_hold_time` Nullable(Int64) COMMENT 'total hold, seconds',
    `call_leg1_post_dial_delay` Nullable(Int64) COMMENT 'leg 1 post-dial delay',
    `call_leg2_post_dial_delay` Nullable(Int64) COMMENT 'leg 2 post-dial delay',
    `call_leg1_answer_time` Nullable(Int64) COMMENT 'leg 1 answer time',
    `call_leg2_answer_time` Nullable(Int64) COMMENT 'leg 2 answer time',
    `call_leg1_sip_id` Nullable(String) COMMENT 'leg 1 SIP id',
    `call_leg2_sip_id` Nullable(String) COMMENT 'leg 2 SIP id',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_outbound_calls', '{replica}', `_version`)
PARTITION BY toYYYYMM(`start_time`)
ORDER BY (`_source`, `transaction_id`, `agent_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_outbound_calls` ON CLUSTER `ccwh_cluster`
(
    `agent_id` String COMMENT 'agent login id',
    `agent_name` Nullable(String) COMMENT 'agent name',
    `group_id` Nullable(Int64) COMMENT 'group id',
    `transaction_id` Int64 COMMENT 'transaction id',
    `destination` Nullable(String) COMMENT 'number dialled',
    `start_time` DateTime('UTC') COMMENT 'when the call started',
    `total_time` Nullable(Int64) COMMENT 'total time, seconds',
    `tcl_list_id` Nullable(Int64) COMMENT 'transaction code list id',
    `tcl_item_id` Nullable(Int64) COMMENT 'transaction code item id',
    `tcl_item_shortcode_text` Nullable(String) COMMENT 'transaction code short text',
    `tcl_item_report_text` Nullable(String) COMMENT 'transaction code report text',
    `tcl_outbound_list_id` Nullable(Int64) COMMENT 'outbound code list id',
    `tcl_outbound_item_id` Nullable(Int64) COMMENT 'outbound code item id',
    `tcl_outbound_item_shortcode_text` Nullable(String) COMMENT 'outbound code short text',
    `tcl_outbound_item_report_text` Nullable(String) COMMENT 'outbound code report text',
    `recording_filename` Nullable(String) COMMENT 'recording file, S<YYYYMMDD>/R….wav; joins vcc_recordings',
    `max_hold_time` Nullable(Int64) COMMENT 'longest hold, seconds',
    `hold_count` Nullable(Int64) COMMENT 'number of holds',
    `total_hold_time` Nullable(Int64) COMMENT 'total hold, seconds',
    `call_leg1_post_dial_delay` Nullable(Int64) COMMENT 'leg 1 post-dial delay',
    `call_leg2_post_dial_delay` Nullable(Int64) COMMENT 'leg 2 post-dial delay',
    `call_leg1_answer_time` Nullable(Int64) COMMENT 'leg 1 answer time',
    `call_leg2_answer_time` Nullable(Int64) COMMENT 'leg 2 answer time',
    `call_leg1_sip_id` Nullable(String) COMMENT 'leg 1 SIP id',
    `call_leg2_sip_id` Nullable(String) COMMENT 'leg 2 SIP id',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_outbound_calls_local', cityHash64(`transaction_id`, `agent_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_queue_interactions_local` ON CLUSTER `ccwh_cluster`
(
    `interaction_id` Int64 COMMENT 'interaction id',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `channel_id` Nullable(Int64) COMMENT 'channel id',
    `media_type` LowCardinality(Nullable(String)) COMMENT 'T Telephone, V Voice Mail, C Chat, Z Email (enum media_code)',
    `create_timestamp` DateTime('UTC') COMMENT 'when it entered the queue',
    `accept_timestamp` Nullable(DateTime('UTC')) COMMENT 'when an agent accepted it',
    `process_time` Nullable(Int64) COMMENT 'processing time, seconds',
    `post_process_time` Nullable(Int64) COMMENT 'post-processing time, seconds',
    `abandon_timestamp` Nullable(DateTime('UTC')) COMMENT 'when the caller abandoned',
    `finish_timestamp` Nullable(DateTime('UTC')) COMMENT 'when it finished',
    `voice_message_left` Nullable(UInt8) COMMENT 'voice message left (Y/N)',
    `origination` Nullable(String) COMMENT 'caller number or id',
    `customer_name` Nullable(String) COMMENT 'customer name',
    `ivr_treatment_time` Nullable(Int64) COMMENT 'time in IVR, seconds',
    `max_hold_time` Nullable(Int64) COMMENT 'longest hold, seconds',
    `hold_count` Nullable(Int64) COMMENT 'number of holds',
    `total_hold_time` Nullable(Int64) COMMENT 'total hold, seconds',
    `call_leg1_post_dial_delay` Nullable(Int64) COMMENT 'leg 1 post-dial delay',
    `call_leg2_post_dial_delay` Nullable(Int64) COMMENT 'leg 2 post-dial delay',
    `call_leg1_answer_time` Nullable(Int64) COMMENT 'leg 1 answer time',
    `call_leg2_answer_time` Nullable(Int64) COMMENT 'leg 2 answer time',
    `call_leg1_sip_id` Nullable(String) COMMENT 'leg 1 SIP id',
    `call_leg2_sip_id` Nullable(String) COMMENT 'leg 2 SIP id',
    `inbound_sip_id` Nullable(String) COMMENT 'inbound SIP id',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_queue_interactions', '{replica}', `_version`)
PARTITION BY toYYYYMM(`create_timestamp`)
ORDER BY (`_source`, `interaction_id`, `create_timestamp`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_queue_interactions` ON CLUSTER `ccwh_cluster`
(
    `interaction_id` Int64 COMMENT 'interaction id',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `channel_id` Nullable(Int64) COMMENT 'channel id',
    `media_type` LowCardinality(Nullable(String)) COMMENT 'T Telephone, V Voice Mail, C Chat, Z Email (enum media_code)',
    `create_timestamp` DateTime('UTC') COMMENT 'when it entered the queue',
    `accept_timestamp` Nullable(DateTime('UTC')) COMMENT 'when an agent accepted it',
    `process_time` Nullable(Int64) COMMENT 'processing time, seconds',
    `post_process_time` Nullable(Int64) COMMENT 'post-processing time, seconds',
    `abandon_timestamp` Nullable(DateTime('UTC')) COMMENT 'when the caller abandoned',
    `finish_timestamp` Nullable(DateTime('UTC')) COMMENT 'when it finished',
    `voice_message_left` Nullable(UInt8) COMMENT 'voice message left (Y/N)',
    `origination` Nullable(String) COMMENT 'caller number or id',
    `customer_name` Nullable(String) COMMENT 'customer name',
    `ivr_treatment_time` Nullable(Int64) COMMENT 'time in IVR, seconds',
    `max_hold_time` Nullable(Int64) COMMENT 'longest hold, seconds',
    `hold_count` Nullable(Int64) COMMENT 'number of holds',
    `total_hold_time` Nullable(Int64) COMMENT 'total hold, seconds',
    `call_leg1_post_dial_delay` Nullable(Int64) COMMENT 'leg 1 post-dial delay',
    `call_leg2_post_dial_delay` Nullable(Int64) COMMENT 'leg 2 post-dial delay',
    `call_leg1_answer_time` Nullable(Int64) COMMENT 'leg 1 answer time',
    `call_leg2_answer_time` Nullable(Int64) COMMENT 'leg 2 answer time',
    `call_leg1_sip_id` Nullable(String) COMMENT 'leg 1 SIP id',
    `call_leg2_sip_id` Nullable(String) COMMENT 'leg 2 SIP id',
    `inbound_sip_id` Nullable(String) COMMENT 'inbound SIP id',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_queue_interactions_local', cityHash64(`interaction_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_queues_local` ON CLUSTER `ccwh_cluster`
(
    `queue_id` Int64 COMMENT 'queue id',
    `queue_name` Nullable(String) COMMENT 'queue name',
    `queue_desc` Nullable(String) COMMENT 'queue description',
    `media_type` LowCardinality(Nullable(String)) COMMENT 'T=Telephone, V=Voice Mail, C=Chat, Z=Email',
    `enabled` Nullable(UInt8) COMMENT 'queue enabled (Y/N)',
    `sla_enabled` Nullable(UInt8) COMMENT 'SLA enabled (Y/N)',
    `sla_time` Nullable(Int64) COMMENT 'SLA threshold (unit not documented; seconds inferred)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_queues', '{replica}', `_version`)
ORDER BY (`_source`, `queue_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_queues` ON CLUSTER `ccwh_cluster`
(
    `queue_id` Int64 COMMENT 'queue id',
    `queue_name` Nullable(String) COMMENT 'queue name',
    `queue_desc` Nullable(String) COMMENT 'queue description',
    `media_type` LowCardinality(Nullable(String)) COMMENT 'T=Telephone, V=Voice Mail, C=Chat, Z=Email',
    `enabled` Nullable(UInt8) COMMENT 'queue enabled (Y/N)',
    `sla_enabled` Nullable(UInt8) COMMENT 'SLA enabled (Y/N)',
    `sla_time` Nullable(Int64) COMMENT 'SLA threshold (unit not documented; seconds inferred)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_queues_local', cityHash64(`queue_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_recordings_local` ON CLUSTER `ccwh_cluster`
(
    `start_date` DateTime('UTC') COMMENT 'when the recording started',
    `agent_id` Nullable(String) COMMENT 'agent login id',
    `phone_number` Nullable(String) COMMENT 'caller id (inbound, DAA) or dial-out number (outbound)',
    `channel` LowCardinality(Nullable(String)) COMMENT 'channel number, #virtual_outbound# or #virtual_daa#',
    `case_id` Nullable(Int64) COMMENT 'case id; 0 when none',
    `duration` Nullable(Int64) COMMENT 'length, seconds (unit not documented)',
    `filename` String COMMENT 'S<YYYYMMDD>/R….wav; joins recording_filename of the stats tables',
    `queue_id` Nullable(String) COMMENT 'tenant~~queue~~<media>~~<id>, QUEUE_OUTBOUND or QUEUE_DIRECT_AGENT_ACCESS',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `account_number` Nullable(String) COMMENT 'account number',
    `transaction_id` Nullable(Int64) COMMENT 'transaction id: the interaction id of the stats tables',
    `ext_var1` Nullable(String) COMMENT 'external variable 1',
    `ext_var2` Nullable(String) COMMENT 'external variable 2',
    `out_dial_code` Nullable(String) COMMENT 'out-dial code',
    `wrap_up_code_transaction_codes_transaction_code_list_name` Array(String) COMMENT 'wrap-up transaction codes: list names, in order (CSV: |-separated)',
    `wrap_up_code_transaction_codes_transaction_code_name` Array(String) COMMENT 'wrap-up transaction codes: names, parallel to the list names',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_recordings', '{replica}', `_version`)
PARTITION BY toYYYYMM(`start_date`)
ORDER BY (`_source`, `filename`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_recordings` ON CLUSTER `ccwh_cluster`
(
    `start_date` DateTime('UTC') COMMENT 'when the recording started',
    `agent_id` Nullable(String) COMMENT 'agent login id',
    `phone_number` Nullable(String) COMMENT 'caller id (inbound, DAA) or dial-out number (outbound)',
    `channel` LowCardinality(Nullable(String)) COMMENT 'channel number, #virtual_outbound# or #virtual_daa#',
    `case_id` Nullable(Int64) COMMENT 'case id; 0 when none',
    `duration` Nullable(Int64) COMMENT 'length, seconds (unit not documented)',
    `filename` String COMMENT 'S<YYYYMMDD>/R….wav; joins recording_filename of the stats tables',
    `queue_id` Nullable(String) COMMENT 'tenant~~queue~~<media>~~<id>, QUEUE_OUTBOUND or QUEUE_DIRECT_AGENT_ACCESS',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `account_number` Nullable(String) COMMENT 'account number',
    `transaction_id` Nullable(Int64) COMMENT 'transaction id: the interaction id of the stats tables',
    `ext_var1` Nullable(String) COMMENT 'external variable 1',
    `ext_var2` Nullable(String) COMMENT 'external variable 2',
    `out_dial_code` Nullable(String) COMMENT 'out-dial code',
    `wrap_up_code_transaction_codes_transaction_code_list_name` Array(String) COMMENT 'wrap-up transaction codes: list names, in order (CSV: |-separated)',
    `wrap_up_code_transaction_codes_transaction_code_name` Array(String) COMMENT 'wrap-up transaction codes: names, parallel to the list names',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_recordings_local', cityHash64(`filename`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_rt_agent_snapshots_local` ON CLUSTER `ccwh_cluster`
(
    `snapshot_at` DateTime('UTC') COMMENT 'when ccwh read the snapshot (UTC, whole seconds; added by ccwh)',
    `active_customer_chat_count` Nullable(Int64) COMMENT 'active customer chats; -1 = n/a (undocumented, kept)',
    `agent_guid` Nullable(String) COMMENT 'agent GUID (the vendor pads it with whitespace; trimmed)',
    `agent_id` String COMMENT 'agent login id',
    `agent_media_id` Nullable(Int64) COMMENT 'media of the last or current transaction: 0 none since system start, 1 Phone, 2 Chat, 3 Email, 4 Voice Mail (enum rt_agent_media)',
    `agent_name` Nullable(String) COMMENT 'agent full name',
    `agent_status` Nullable(Int64) COMMENT '0 available, 1 transaction offered, 2 busy, 3 post processing, 4 on break, 5 work offline, 9 logged out (enum rt_agent_status)',
    `agent_sub_status` LowCardinality(Nullable(String)) COMMENT 'sub-status for agents handling several chats',
    `assigned_skill_count` Nullable(Int64) COMMENT 'skills assigned',
    `day_accepted_count` Nullable(Int64) COMMENT 'accepted today',
    `day_available_time` Nullable(Int64) COMMENT 'available today, seconds',
    `day_avg_processing_time` Nullable(Int64) COMMENT 'average processing today, seconds',
    `day_break_time` Nullable(Int64) COMMENT 'break today, seconds',
    `day_login_time` Nullable(Int64) COMMENT 'logged in today, seconds',
    `day_offline_time` Nullable(Int64) COMMENT 'working offline today, seconds',
    `day_processing_time` Nullable(Int64) COMMENT 'processing today, seconds',
    `day_rejected_count` Nullable(Int64) COMMENT 'rejected today',
    `day_wrap_up_time` Nullable(Int64) COMMENT 'wrap-up today, seconds',
    `enabled_skill_count` Nullable(Int64) COMMENT 'skills enabled',
    `group_id` Nullable(Int64) COMMENT 'agent\'s group id',
    `idle_start_time` Nullable(Int64) COMMENT 'idle since; -1 = n/a (undocumented, kept)',
    `last_login_time` Nullable(Int64) COMMENT 'last login, UTC epoch seconds; -1 (system restarted, no record) is NULL',
    `longest_active_customer_chat_duration` Nullable(Int64) COMMENT 'longest active chat; -1 = n/a (undocumented, kept)',
    `max_concurrent_customer_chat` Nullable(Int64) COMMENT 'chats the agent may handle at once',
    `phone_line1_status` Nullable(Int64) COMMENT '-1 not use, 0 idle or post-processing, 1 on hold, 2 on mute, 3 being offered, 4 monitoring, 5 busy (enum rt_phone_line1_status)',
    `phone_line1_status_time` Nullable(Int64) COMMENT 'time in line 1 status, seconds',
    `phone_line2_status` Nullable(Int64) COMMENT '-1 not use, 0 being offered, 1 on hold, 2 on mute, 3 error, 4 monitoring, 5 busy (enum rt_phone_line2_status)',
    `phone_line2_status_time` Nullable(Int64) COMMENT 'time in line 2 status, seconds',
    `status_code_item_id` Nullable(Int64) COMMENT 'current status code: 0 Session closed from Jabber … 6 Agent Relogin (enum rt_status_code_item)',
    `status_code_item_short_code` Nullable(String) COMMENT 'current status code short code',
    `status_code_list_id` Nullable(Int64) COMMENT 'current status code list id',
    `thirty_min_accepted_count` Nullable(Int64) COMMENT 'accepted in the last 30 minutes',
    `thirty_min_available_time` Nullable(Int64) COMMENT 'average available time in the last 30 minutes, seconds',
    `thirty_min_avg_handling_time` Nullable(Int64) COMMENT 'average handling in the last 30 minutes, seconds',
    `thirty_min_break_time` Nullable(Int64) COMMENT 'break in the last 30 minutes, seconds',
    `thirty_min_offline_time` Nullable(Int64) COMMENT 'offline in the last 30 minutes, seconds',
    `thirty_min_processing_time` Nullable(Int64) COMMENT 'processing in the last 30 minutes, seconds',
    `thirty_min_rejected_count` Nullable(Int64) COMMENT 'rejected in the last 30 minutes',
    `thirty_min_wrap_up_time` Nullable(Int64) COMMENT 'wrap-up in the last 30 minutes, seconds',
    `time_in_status` Nullable(Int64) COMMENT 'time in the current status, seconds',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_rt_agent_snapshots', '{replica}', `_version`)
PARTITION BY toYYYYMM(`snapshot_at`)
ORDER BY (`_source`, `agent_id`, `snapshot_at`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_rt_agent_snapshots` ON CLUSTER `ccwh_cluster`
(
    `snapshot_at` DateTime('UTC') COMMENT 'when ccwh read the snapshot (UTC, whole seconds; added by ccwh)',
    `active_customer_chat_count` Nullable(Int64) COMMENT 'active customer chats; -1 = n/a (undocumented, kept)',
    `agent_guid` Nullable(String) COMMENT 'agent GUID (the vendor pads it with whitespace; trimmed)',
    `agent_id` String COMMENT 'agent login id',
    `agent_media_id` Nullable(Int64) COMMENT 'media of the last or current transaction: 0 none since system start, 1 Phone, 2 Chat, 3 Email, 4 Voice Mail (enum rt_agent_media)',
    `agent_name` Nullable(String) COMMENT 'agent full name',
    `agent_status` Nullable(Int64) COMMENT '0 available, 1 transaction offered, 2 busy, 3 post processing, 4 on break, 5 work offline, 9 logged out (enum rt_agent_status)',
    `agent_sub_status` LowCardinality(Nullable(String)) COMMENT 'sub-status for agents handling several chats',
    `assigned_skill_count` Nullable(Int64) COMMENT 'skills assigned',
    `day_accepted_count` Nullable(Int64) COMMENT 'accepted today',
    `day_available_time` Nullable(Int64) COMMENT 'available today, seconds',
    `day_avg_processing_time` Nullable(Int64) COMMENT 'average processing today, seconds',
    `day_break_time` Nullable(Int64) COMMENT 'break today, seconds',
    `day_login_time` Nullable(Int64) COMMENT 'logged in today, seconds',
    `day_offline_time` Nullable(Int64) COMMENT 'working offline today, seconds',
    `day_processing_time` Nullable(Int64) COMMENT 'processing today, seconds',
    `day_rejected_count` Nullable(Int64) COMMENT 'rejected today',
    `day_wrap_up_time` Nullable(Int64) COMMENT 'wrap-up today, seconds',
    `enabled_skill_count` Nullable(Int64) COMMENT 'skills enabled',
    `group_id` Nullable(Int64) COMMENT 'agent\'s group id',
    `idle_start_time` Nullable(Int64) COMMENT 'idle since; -1 = n/a (undocumented, kept)',
    `last_login_time` Nullable(Int64) COMMENT 'last login, UTC epoch seconds; -1 (system restarted, no record) is NULL',
    `longest_active_customer_chat_duration` Nullable(Int64) COMMENT 'longest active chat; -1 = n/a (undocumented, kept)',
    `max_concurrent_customer_chat` Nullable(Int64) COMMENT 'chats the agent may handle at once',
    `phone_line1_status` Nullable(Int64) COMMENT '-1 not use, 0 idle or post-processing, 1 on hold, 2 on mute, 3 being offered, 4 monitoring, 5 busy (enum rt_phone_line1_status)',
    `phone_line1_status_time` Nullable(Int64) COMMENT 'time in line 1 status, seconds',
    `phone_line2_status` Nullable(Int64) COMMENT '-1 not use, 0 being offered, 1 on hold, 2 on mute, 3 error, 4 monitoring, 5 busy (enum rt_phone_line2_status)',
    `phone_line2_status_time` Nullable(Int64) COMMENT 'time in line 2 status, seconds',
    `status_code_item_id` Nullable(Int64) COMMENT 'current status code: 0 Session closed from Jabber … 6 Agent Relogin (enum rt_status_code_item)',
    `status_code_item_short_code` Nullable(String) COMMENT 'current status code short code',
    `status_code_list_id` Nullable(Int64) COMMENT 'current status code list id',
    `thirty_min_accepted_count` Nullable(Int64) COMMENT 'accepted in the last 30 minutes',
    `thirty_min_available_time` Nullable(Int64) COMMENT 'average available time in the last 30 minutes, seconds',
    `thirty_min_avg_handling_time` Nullable(Int64) COMMENT 'average handling in the last 30 minutes, seconds',
    `thirty_min_break_time` Nullable(Int64) COMMENT 'break in the last 30 minutes, seconds',
    `thirty_min_offline_time` Nullable(Int64) COMMENT 'offline in the last 30 minutes, seconds',
    `thirty_min_processing_time` Nullable(Int64) COMMENT 'processing in the last 30 minutes, seconds',
    `thirty_min_rejected_count` Nullable(Int64) COMMENT 'rejected in the last 30 minutes',
    `thirty_min_wrap_up_time` Nullable(Int64) COMMENT 'wrap-up in the last 30 minutes, seconds',
    `time_in_status` Nullable(Int64) COMMENT 'time in the current status, seconds',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_rt_agent_snapshots_local', cityHash64(`agent_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_rt_queue_snapshots_local` ON CLUSTER `ccwh_cluster`
(
    `snapshot_at` DateTime('UTC') COMMENT 'when ccwh read the snapshot (UTC, whole seconds; added by ccwh)',
    `agent_count_busy` Nullable(Int64) COMMENT 'agents busy (this and other queues)',
    `agent_count_logged_out` Nullable(Int64) COMMENT 'enabled agents logged out',
    `agent_count_on_break` Nullable(Int64) COMMENT 'enabled agents on break',
    `agent_count_post_process` Nullable(Int64) COMMENT 'agents post-processing',
    `agent_count_wait_transact` Nullable(Int64) COMMENT 'agents available',
    `agent_count_work_offline` Nullable(Int64) COMMENT 'enabled agents working offline',
    `day_abandoned` Nullable(Int64) COMMENT 'abandoned today',
    `day_accepted` Nullable(Int64) COMMENT 'accepted today',
    `day_avg_duration` Nullable(Int64) COMMENT 'average duration today, seconds',
    `day_avg_wait_time` Nullable(Int64) COMMENT 'average wait today, seconds',
    `day_queued` Nullable(Int64) COMMENT 'queued today',
    `day_sla_activity` Nullable(Float64) COMMENT 'SLA activity today, percent',
    `assigned_agent_count` Nullable(Int64) COMMENT 'agents assigned',
    `enabled_agent_count` Nullable(Int64) COMMENT 'agents enabled',
    `longest_wait_time` Nullable(Int64) COMMENT 'longest waiting interaction, seconds',
    `media_type` LowCardinality(Nullable(String)) COMMENT 'phone, chat, vmail or email',
    `number_in_offered` Nullable(Int64) COMMENT 'interactions alerting agents',
    `number_in_progress` Nullable(Int64) COMMENT 'agents busy on this queue\'s interactions',
    `queue_id` Int64 COMMENT 'queue id',
    `queue_name` Nullable(String) COMMENT 'queue name',
    `queue_size` Nullable(Int64) COMMENT 'interactions waiting',
    `queue_type` LowCardinality(Nullable(String)) COMMENT 'queue type, like media-type',
    `sla_activity` Nullable(Float64) COMMENT 'current SLA activity, percent',
    `sla_target` Nullable(Float64) COMMENT 'SLA target (documented as hours; uncertain)',
    `thirty_min_abandoned` Nullable(Int64) COMMENT 'abandoned in the last 30 minutes',
    `thirty_min_accepted` Nullable(Int64) COMMENT 'accepted in the last 30 minutes',
    `thirty_min_avg_duration` Nullable(Int64) COMMENT 'average duration in the last 30 minutes, seconds',
    `thirty_min_avg_wait_time` Nullable(Int64) COMMENT 'average wait in the last 30 minutes, seconds',
    `thirty_min_longest_wait_time` Nullable(Int64) COMMENT 'longest wait in the last 30 minutes, seconds',
    `thirty_min_queued` Nullable(Int64) COMMENT 'queued in the last 30 minutes',
    `thirty_min_sla_activity` Nullable(Float64) COMMENT 'SLA activity in the last 30 minutes, percent; -1 (no SLA activity) is NULL',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_rt_queue_snapshots', '{replica}', `_version`)
PARTITION BY toYYYYMM(`snapshot_at`)
ORDER BY (`_source`, `queue_id`, `snapshot_at`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_rt_queue_snapshots` ON CLUSTER `ccwh_cluster`
(
    `snapshot_at` DateTime('UTC') COMMENT 'when ccwh read the snapshot (UTC, whole seconds; added by ccwh)',
    `agent_count_busy` Nullable(Int64) COMMENT 'agents busy (this and other queues)',
    `agent_count_logged_out` Nullable(Int64) COMMENT 'enabled agents logged out',
    `agent_count_on_break` Nullable(Int64) COMMENT 'enabled agents on break',
    `agent_count_post_process` Nullable(Int64) COMMENT 'agents post-processing',
    `agent_count_wait_transact` Nullable(Int64) COMMENT 'agents available',
    `agent_count_work_offline` Nullable(Int64) COMMENT 'enabled agents working offline',
    `day_abandoned` Nullable(Int64) COMMENT 'abandoned today',
    `day_accepted` Nullable(Int64) COMMENT 'accepted today',
    `day_avg_duration` Nullable(Int64) COMMENT 'average duration today, seconds',
    `day_avg_wait_time` Nullable(Int64) COMMENT 'average wait today, seconds',
    `day_queued` Nullable(Int64) COMMENT 'queued today',
    `day_sla_activity` Nullable(Float64) COMMENT 'SLA activity today, percent',
    `assigned_agent_count` Nullable(Int64) COMMENT 'agents assigned',
    `enabled_agent_count` Nullable(Int64) COMMENT 'agents enabled',
    `longest_wait_time` Nullable(Int64) COMMENT 'longest waiting interaction, seconds',
    `media_type` LowCardinality(Nullable(String)) COMMENT 'phone, chat, vmail or email',
    `number_in_offered` Nullable(Int64) COMMENT 'interactions alerting agents',
    `number_in_progress` Nullable(Int64) COMMENT 'agents busy on this queue\'s interactions',
    `queue_id` Int64 COMMENT 'queue id',
    `queue_name` Nullable(String) COMMENT 'queue name',
    `queue_size` Nullable(Int64) COMMENT 'interactions waiting',
    `queue_type` LowCardinality(Nullable(String)) COMMENT 'queue type, like media-type',
    `sla_activity` Nullable(Float64) COMMENT 'current SLA activity, percent',
    `sla_target` Nullable(Float64) COMMENT 'SLA target (documented as hours; uncertain)',
    `thirty_min_abandoned` Nullable(Int64) COMMENT 'abandoned in the last 30 minutes',
    `thirty_min_accepted` Nullable(Int64) COMMENT 'accepted in the last 30 minutes',
    `thirty_min_avg_duration` Nullable(Int64) COMMENT 'average duration in the last 30 minutes, seconds',
    `thirty_min_avg_wait_time` Nullable(Int64) COMMENT 'average wait in the last 30 minutes, seconds',
    `thirty_min_longest_wait_time` Nullable(Int64) COMMENT 'longest wait in the last 30 minutes, seconds',
    `thirty_min_queued` Nullable(Int64) COMMENT 'queued in the last 30 minutes',
    `thirty_min_sla_activity` Nullable(Float64) COMMENT 'SLA activity in the last 30 minutes, percent; -1 (no SLA activity) is NULL',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_rt_queue_snapshots_local', cityHash64(`queue_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_scls_local` ON CLUSTER `ccwh_cluster`
(
    `scl_list_id` Int64 COMMENT 'list id',
    `scl_name` Nullable(String) COMMENT 'list name',
    `scl_description` Nullable(String) COMMENT 'list description',
    `scl_admin_notes` Nullable(String) COMMENT 'admin notes',
    `scl_active` Nullable(UInt8) COMMENT 'list active (Y/N)',
    `scl_autosort` Nullable(UInt8) COMMENT 'autosort (Y/N)',
    `scl_used` Nullable(UInt8) COMMENT 'list used (Y/N)',
    `scl_category_id` Nullable(Int64) COMMENT 'category id',
    `scl_item_id` Int64 COMMENT 'item id',
    `scl_item_ordinate` Nullable(Int64) COMMENT 'item position',
    `scl_item_active` Nullable(UInt8) COMMENT 'item active (Y/N)',
    `scl_item_used` Nullable(UInt8) COMMENT 'item used (Y/N)',
    `scl_lang_id` LowCardinality(Nullable(String)) COMMENT 'language, e.g. en_US',
    `scl_item_menu_text` Nullable(String) COMMENT 'menu text',
    `scl_item_report_text` Nullable(String) COMMENT 'report text',
    `scl_item_shortcode_text` Nullable(String) COMMENT 'short code',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_scls', '{replica}', `_version`)
ORDER BY (`_source`, `scl_list_id`, `scl_item_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_scls` ON CLUSTER `ccwh_cluster`
(
    `scl_list_id` Int64 COMMENT 'list id',
    `scl_name` Nullable(String) COMMENT 'list name',
    `scl_description` Nullable(String) COMMENT 'list description',
    `scl_admin_notes` Nullable(String) COMMENT 'admin notes',
    `scl_active` Nullable(UInt8) COMMENT 'list active (Y/N)',
    `scl_autosort` Nullable(UInt8) COMMENT 'autosort (Y/N)',
    `scl_used` Nullable(UInt8) COMMENT 'list used (Y/N)',
    `scl_category_id` Nullable(Int64) COMMENT 'category id',
    `scl_item_id` Int64 COMMENT 'item id',
    `scl_item_ordinate` Nullable(Int64) COMMENT 'item position',
    `scl_item_active` Nullable(UInt8) COMMENT 'item active (Y/N)',
    `scl_item_used` Nullable(UInt8) COMMENT 'item used (Y/N)',
    `scl_lang_id` LowCardinality(Nullable(String)) COMMENT 'language, e.g. en_US',
    `scl_item_menu_text` Nullable(String) COMMENT 'menu text',
    `scl_item_report_text` Nullable(String) COMMENT 'report text',
    `scl_item_shortcode_text` Nullable(String) COMMENT 'short code',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_scls_local', cityHash64(`scl_list_id`, `scl_item_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_skills_local` ON CLUSTER `ccwh_cluster`
(
    `enabled` Nullable(UInt8) COMMENT 'skill enabled (Y/N)',
    `queue_id` Int64 COMMENT 'queue id',
    `agent_id` String COMMENT 'agent login id',
    `skill_level` LowCardinality(Nullable(String)) COMMENT 'skill level, e.g. high, medium (enum not documented)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_skills', '{replica}', `_version`)
ORDER BY (`_source`, `agent_id`, `queue_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_skills` ON CLUSTER `ccwh_cluster`
(
    `enabled` Nullable(UInt8) COMMENT 'skill enabled (Y/N)',
    `queue_id` Int64 COMMENT 'queue id',
    `agent_id` String COMMENT 'agent login id',
    `skill_level` LowCardinality(Nullable(String)) COMMENT 'skill level, e.g. high, medium (enum not documented)',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_skills_local', cityHash64(`agent_id`, `queue_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_statistics_local` ON CLUSTER `ccwh_cluster`
(
    `entity_type` LowCardinality(String) COMMENT 'what the row was read for: agent, queue or channel (added by ccwh)',
    `entity_id` String COMMENT 'id of that agent (login id), queue or channel (added by ccwh)',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `channel_id` Int64 COMMENT 'channel id',
    `time_stamp` DateTime('UTC') COMMENT 'start of the 30-minute period',
    `media_type` LowCardinality(Nullable(String)) COMMENT 'T, V, C or Z (enum media_code)',
    `entered_count` Nullable(Int64) COMMENT 'interactions entered',
    `accepted_count` Nullable(Int64) COMMENT 'interactions accepted',
    `sla_met_count` Nullable(Int64) COMMENT 'accepted within the SLA',
    `abandoned_count` Nullable(Int64) COMMENT 'interactions abandoned',
    `finish_processing_count` Nullable(Int64) COMMENT 'finished processing',
    `finish_post_count` Nullable(Int64) COMMENT 'finished post-processing',
    `voice_message_left_count` Nullable(Int64) COMMENT 'voice messages left',
    `time_waiting` Nullable(Int64) COMMENT 'waiting, seconds',
    `time_processing` Nullable(Int64) COMMENT 'processing, seconds',
    `time_post_processing` Nullable(Int64) COMMENT 'post-processing, seconds',
    `total_time_to_abandon` Nullable(Int64) COMMENT 'time to abandon, seconds',
    `time_max_wait_accept` Nullable(Int64) COMMENT 'longest wait before accept, seconds',
    `time_max_wait_abandon` Nullable(Int64) COMMENT 'longest wait before abandon, seconds',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_statistics', '{replica}', `_version`)
PARTITION BY toYYYYMM(`time_stamp`)
ORDER BY (`_source`, `entity_type`, `entity_id`, `time_stamp`, `channel_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_statistics` ON CLUSTER `ccwh_cluster`
(
    `entity_type` LowCardinality(String) COMMENT 'what the row was read for: agent, queue or channel (added by ccwh)',
    `entity_id` String COMMENT 'id of that agent (login id), queue or channel (added by ccwh)',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `channel_id` Int64 COMMENT 'channel id',
    `time_stamp` DateTime('UTC') COMMENT 'start of the 30-minute period',
    `media_type` LowCardinality(Nullable(String)) COMMENT 'T, V, C or Z (enum media_code)',
    `entered_count` Nullable(Int64) COMMENT 'interactions entered',
    `accepted_count` Nullable(Int64) COMMENT 'interactions accepted',
    `sla_met_count` Nullable(Int64) COMMENT 'accepted within the SLA',
    `abandoned_count` Nullable(Int64) COMMENT 'interactions abandoned',
    `finish_processing_count` Nullable(Int64) COMMENT 'finished processing',
    `finish_post_count` Nullable(Int64) COMMENT 'finished post-processing',
    `voice_message_left_count` Nullable(Int64) COMMENT 'voice messages left',
    `time_waiting` Nullable(Int64) COMMENT 'waiting, seconds',
    `time_processing` Nullable(Int64) COMMENT 'processing, seconds',
    `time_post_processing` Nullable(Int64) COMMENT 'post-processing, seconds',
    `total_time_to_abandon` Nullable(Int64) COMMENT 'time to abandon, seconds',
    `time_max_wait_accept` Nullable(Int64) COMMENT 'longest wait before accept, seconds',
    `time_max_wait_abandon` Nullable(Int64) COMMENT 'longest wait before abandon, seconds',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_statistics_local', cityHash64(`entity_type`, `entity_id`, `channel_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_tcls_local` ON CLUSTER `ccwh_cluster`
(
    `tcl_list_id` Int64 COMMENT 'list id',
    `tcl_name` Nullable(String) COMMENT 'list name',
    `tcl_description` Nullable(String) COMMENT 'list description',
    `tcl_admin_notes` Nullable(String) COMMENT 'admin notes',
    `tcl_active` Nullable(UInt8) COMMENT 'list active (Y/N)',
    `tcl_autosort` Nullable(UInt8) COMMENT 'autosort (Y/N)',
    `tcl_used` Nullable(UInt8) COMMENT 'list used (Y/N)',
    `tcl_category_id` Nullable(Int64) COMMENT 'category id',
    `tcl_assignment_type` LowCardinality(Nullable(String)) COMMENT 'assignment type, e.g. groups',
    `tcl_required` Nullable(UInt8) COMMENT 'required (Y/N)',
    `tcl_multiple_choice` Nullable(UInt8) COMMENT 'multiple choice (Y/N)',
    `tcl_required_before_outbound` Nullable(UInt8) COMMENT 'required before outbound (Y/N)',
    `tcl_item_id` Int64 COMMENT 'item id',
    `tcl_item_ordinate` Nullable(Int64) COMMENT 'item position',
    `tcl_item_active` Nullable(UInt8) COMMENT 'item active (Y/N)',
    `tcl_item_used` Nullable(UInt8) COMMENT 'item used (Y/N)',
    `tcl_item_call_line_id` Nullable(String) COMMENT 'item call line id',
    `tcl_lang_id` LowCardinality(Nullable(String)) COMMENT 'language, e.g. en_US',
    `tcl_item_menu_text` Nullable(String) COMMENT 'menu text',
    `tcl_item_report_text` Nullable(String) COMMENT 'report text',
    `tcl_item_shortcode_text` Nullable(String) COMMENT 'short code',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_tcls', '{replica}', `_version`)
ORDER BY (`_source`, `tcl_list_id`, `tcl_item_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_tcls` ON CLUSTER `ccwh_cluster`
(
    `tcl_list_id` Int64 COMMENT 'list id',
    `tcl_name` Nullable(String) COMMENT 'list name',
    `tcl_description` Nullable(String) COMMENT 'list description',
    `tcl_admin_notes` Nullable(String) COMMENT 'admin notes',
    `tcl_active` Nullable(UInt8) COMMENT 'list active (Y/N)',
    `tcl_autosort` Nullable(UInt8) COMMENT 'autosort (Y/N)',
    `tcl_used` Nullable(UInt8) COMMENT 'list used (Y/N)',
    `tcl_category_id` Nullable(Int64) COMMENT 'category id',
    `tcl_assignment_type` LowCardinality(Nullable(String)) COMMENT 'assignment type, e.g. groups',
    `tcl_required` Nullable(UInt8) COMMENT 'required (Y/N)',
    `tcl_multiple_choice` Nullable(UInt8) COMMENT 'multiple choice (Y/N)',
    `tcl_required_before_outbound` Nullable(UInt8) COMMENT 'required before outbound (Y/N)',
    `tcl_item_id` Int64 COMMENT 'item id',
    `tcl_item_ordinate` Nullable(Int64) COMMENT 'item position',
    `tcl_item_active` Nullable(UInt8) COMMENT 'item active (Y/N)',
    `tcl_item_used` Nullable(UInt8) COMMENT 'item used (Y/N)',
    `tcl_item_call_line_id` Nullable(String) COMMENT 'item call line id',
    `tcl_lang_id` LowCardinality(Nullable(String)) COMMENT 'language, e.g. en_US',
    `tcl_item_menu_text` Nullable(String) COMMENT 'menu text',
    `tcl_item_report_text` Nullable(String) COMMENT 'report text',
    `tcl_item_shortcode_text` Nullable(String) COMMENT 'short code',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_tcls_local', cityHash64(`tcl_list_id`, `tcl_item_id`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_transcript_messages_local` ON CLUSTER `ccwh_cluster`
(
    `interaction_guid` String COMMENT 'the transcript\'s interaction GUID',
    `start_date` DateTime('UTC') COMMENT 'when the chat started',
    `position` Int64 COMMENT '1-based position of the message in the transcript',
    `message_time` Nullable(DateTime('UTC')) COMMENT 'when the message was sent',
    `message_from` LowCardinality(Nullable(String)) COMMENT 'sender: C (customer) or A (agent) (enum not documented)',
    `original_language` LowCardinality(Nullable(String)) COMMENT 'language of the original text',
    `original_message` Nullable(String) COMMENT 'original text',
    `translated_language` LowCardinality(Nullable(String)) COMMENT 'language of the translation',
    `translated_message` Nullable(String) COMMENT 'translated text',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_transcript_messages', '{replica}', `_version`)
PARTITION BY toYYYYMM(`start_date`)
ORDER BY (`_source`, `interaction_guid`, `position`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_transcript_messages` ON CLUSTER `ccwh_cluster`
(
    `interaction_guid` String COMMENT 'the transcript\'s interaction GUID',
    `start_date` DateTime('UTC') COMMENT 'when the chat started',
    `position` Int64 COMMENT '1-based position of the message in the transcript',
    `message_time` Nullable(DateTime('UTC')) COMMENT 'when the message was sent',
    `message_from` LowCardinality(Nullable(String)) COMMENT 'sender: C (customer) or A (agent) (enum not documented)',
    `original_language` LowCardinality(Nullable(String)) COMMENT 'language of the original text',
    `original_message` Nullable(String) COMMENT 'original text',
    `translated_language` LowCardinality(Nullable(String)) COMMENT 'language of the translation',
    `translated_message` Nullable(String) COMMENT 'translated text',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_transcript_messages_local', cityHash64(`interaction_guid`, `position`));

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_transcripts_local` ON CLUSTER `ccwh_cluster`
(
    `start_date` DateTime('UTC') COMMENT 'when the chat started',
    `agent_id` Nullable(String) COMMENT 'agent login id',
    `agent_name` Nullable(String) COMMENT 'agent name, Last,First',
    `contact_id` Nullable(String) COMMENT 'customer\'s chat id (XMPP-style)',
    `contact_name` Nullable(String) COMMENT 'customer name',
    `queue_id` Nullable(Int64) COMMENT 'queue id',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `channel_id` Nullable(Int64) COMMENT 'channel id',
    `channel_name` LowCardinality(Nullable(String)) COMMENT 'channel name',
    `case_id` Nullable(Int64) COMMENT 'case id',
    `target_ip` Nullable(String) COMMENT 'target IP address',
    `transaction_id` Nullable(Int64) COMMENT 'transaction id: the interaction id of the stats tables',
    `interaction_guid` String COMMENT 'interaction GUID; key of the detail and of vcc_transcript_messages',
    `transcript_type` LowCardinality(Nullable(String)) COMMENT 'transcript type, e.g. A2C (enum not documented)',
    `duration` Nullable(Int64) COMMENT 'length, seconds (unit not documented)',
    `meta_datas_meta_data_field_name` Array(String) COMMENT 'metadata names, in order (CSV: |-separated)',
    `meta_datas_meta_data_field_value` Array(String) COMMENT 'metadata values, parallel to the names',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/vcc_transcripts', '{replica}', `_version`)
PARTITION BY toYYYYMM(`start_date`)
ORDER BY (`_source`, `interaction_guid`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_transcripts` ON CLUSTER `ccwh_cluster`
(
    `start_date` DateTime('UTC') COMMENT 'when the chat started',
    `agent_id` Nullable(String) COMMENT 'agent login id',
    `agent_name` Nullable(String) COMMENT 'agent name, Last,First',
    `contact_id` Nullable(String) COMMENT 'customer\'s chat id (XMPP-style)',
    `contact_name` Nullable(String) COMMENT 'customer name',
    `queue_id` Nullable(Int64) COMMENT 'queue id',
    `queue_name` LowCardinality(Nullable(String)) COMMENT 'queue name',
    `channel_id` Nullable(Int64) COMMENT 'channel id',
    `channel_name` LowCardinality(Nullable(String)) COMMENT 'channel name',
    `case_id` Nullable(Int64) COMMENT 'case id',
    `target_ip` Nullable(String) COMMENT 'target IP address',
    `transaction_id` Nullable(Int64) COMMENT 'transaction id: the interaction id of the stats tables',
    `interaction_guid` String COMMENT 'interaction GUID; key of the detail and of vcc_transcript_messages',
    `transcript_type` LowCardinality(Nullable(String)) COMMENT 'transcript type, e.g. A2C (enum not documented)',
    `duration` Nullable(Int64) COMMENT 'length, seconds (unit not documented)',
    `meta_datas_meta_data_field_name` Array(String) COMMENT 'metadata names, in order (CSV: |-separated)',
    `meta_datas_meta_data_field_value` Array(String) COMMENT 'metadata values, parallel to the names',
    `_source` LowCardinality(String) COMMENT 'configured source name',
    `_run_id` String COMMENT 'run that extracted the row',
    `_extracted_at` DateTime('UTC') COMMENT 'when the row was extracted (UTC)',
    `_version` UInt64 COMMENT 'increases with each extraction; ReplacingMergeTree keeps the highest',
    `_extra` String COMMENT 'JSON object of vendor fields this schema does not know; empty when none'
)
ENGINE = Distributed('ccwh_cluster', 'ccwh', 'vcc_transcripts_local', cityHash64(`interaction_guid`));

