CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_schema`
(
    `version` UInt64 COMMENT 'schema version',
    `applied_at` Nullable(DateTime('UTC')) COMMENT 'when migrate applied it',
    `tool_version` Nullable(String) COMMENT 'ccwh build that applied it'
)
ENGINE = ReplacingMergeTree(`version`)
ORDER BY (`version`);

CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_state`
(
    `source` String COMMENT 'configured source name',
    `stream` String COMMENT 'stream name',
    `watermark` Nullable(DateTime('UTC')) COMMENT 'end of the last fully loaded window (UTC)',
    `run_id` Nullable(String) COMMENT 'run that moved it',
    `updated_at` Nullable(DateTime('UTC')) COMMENT 'when it moved',
    `version` UInt64 COMMENT 'increases with each update'
)
ENGINE = ReplacingMergeTree(`version`)
ORDER BY (`source`, `stream`);

CREATE TABLE IF NOT EXISTS `ccwh`.`_ccwh_runs`
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
ENGINE = ReplacingMergeTree(`version`)
PARTITION BY toYYYYMM(`started_at`)
ORDER BY (`source`, `stream`, `window_from`, `run_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_activities`
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
ENGINE = ReplacingMergeTree(`_version`)
PARTITION BY toYYYYMM(`trans_accept_time`)
ORDER BY (`_source`, `transaction_id`, `agent_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_agents`
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
ENGINE = ReplacingMergeTree(`_version`)
ORDER BY (`_source`, `agent_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_groups`
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
ENGINE = ReplacingMergeTree(`_version`)
ORDER BY (`_source`, `group_id`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_interactions`
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
ENGINE = ReplacingMergeTree(`_version`)
PARTITION BY toYYYYMM(`create_timestamp`)
ORDER BY (`_source`, `interaction_id`, `create_timestamp`);

CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_queues`
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
ENGINE = ReplacingMergeTree(`_version`)
ORDER BY (`_source`, `queue_id`);

