package schema

import (
	"fmt"
	"strings"
)

// View is an analyst view: a named query over the tables. {db} in Query stands for the quoted
// database. Views are recreated by every migrate, so their definitions can change freely.
type View struct {
	Name  string
	Doc   string
	Query string
}

// SQL renders the CREATE VIEW statement for a database.
func (v View) SQL(db string) string {
	return fmt.Sprintf("CREATE VIEW %s.%s AS\n%s", Quote(db), Quote(v.Name), strings.ReplaceAll(v.Query, "{db}", Quote(db)))
}

// LatestSuffix names the view of a table that shows the latest version of each row.
const LatestSuffix = "_latest"

// Views lists every view: one <table>_latest per table, then the analyst views.
func Views() []View {
	var out []View
	for _, t := range Tables() {
		out = append(out, View{
			Name:  t.Name + LatestSuffix,
			Doc:   "the latest version of each row of " + t.Name + " (ReplacingMergeTree collapsed with FINAL)",
			Query: "SELECT * FROM {db}." + Quote(t.Name) + " FINAL",
		})
	}
	out = append(out, analystViews...)
	out = append(out, recordingViews...)
	out = append(out, conversationViews...)
	out = append(out, dixaCPaaSViews...)
	return append(out, transcriptViews()...)
}

// halfHour truncates a timestamp column to its 30-minute period, on every server version
// (18.16 has no toStartOfInterval).
func halfHour(col string) string {
	return fmt.Sprintf("toDateTime(intDiv(toUInt32(toDateTime(%s)), 1800) * 1800, 'UTC')", col)
}

// seconds between two timestamp columns, on every server version.
func secondsBetween(from, to string) string {
	return fmt.Sprintf("(toInt64(toUInt32(toDateTime(%s))) - toInt64(toUInt32(toDateTime(%s))))", to, from)
}

var analystViews = []View{
	{
		Name: "vcc_agent_daily",
		Doc: "8x8 agent activity per UTC day: transactions handled, processing, wrap-up and total " +
			"time in seconds, by media type (from vcc_activities)",
		Query: `SELECT toDate(trans_accept_time) AS day, _source AS source, agent_id, any(agent_name) AS agent_name,
    any(group_name) AS group_name, media_type,
    count() AS handled,
    sum(ifNull(trans_proc_time, 0)) AS processing_s,
    sum(ifNull(trans_post_proc_time, 0)) AS wrap_up_s,
    sum(ifNull(trans_total_time, 0)) AS total_s,
    round(avg(trans_total_time), 1) AS avg_handle_s
FROM {db}.vcc_activities FINAL
GROUP BY day, source, agent_id, media_type`,
	},
	{
		Name: "vcc_queue_service_30m",
		Doc: "8x8 queue service per 30-minute period: offered, accepted, abandoned, accepted within " +
			"the queue's SLA time, and the SLA percentage (from vcc_interactions and vcc_queues)",
		Query: `SELECT ` + halfHour("i.create_timestamp") + ` AS period, i._source AS source, i.queue_name AS queue_name, i.media_type AS media_type,
    count() AS offered,
    countIf(i.accept_timestamp IS NOT NULL) AS accepted,
    countIf(i.abandon_timestamp IS NOT NULL) AS abandoned,
    countIf(i.accept_timestamp IS NOT NULL AND ` + secondsBetween("i.create_timestamp", "i.accept_timestamp") + ` <= ifNull(q.sla_time, 0)) AS within_sla,
    if(offered = 0, NULL, round(100 * within_sla / offered, 1)) AS sla_pct
FROM {db}.vcc_interactions AS i FINAL
ANY LEFT JOIN (SELECT _source, queue_name, sla_time FROM {db}.vcc_queues FINAL) AS q
    ON i._source = q._source AND i.queue_name = q.queue_name
WHERE i.queue_name IS NOT NULL
GROUP BY period, source, queue_name, media_type`,
	},
	{
		Name: "vcc_queue_service_daily",
		Doc:  "vcc_queue_service_30m rolled up to UTC days",
		Query: `SELECT toDate(period) AS day, source, queue_name, media_type,
    sum(offered) AS offered, sum(accepted) AS accepted, sum(abandoned) AS abandoned, sum(within_sla) AS within_sla,
    if(offered = 0, NULL, round(100 * within_sla / offered, 1)) AS sla_pct
FROM {db}.vcc_queue_service_30m
GROUP BY day, source, queue_name, media_type`,
	},
	{
		Name: "vcc_interaction_outcomes",
		Doc: "8x8 interactions per UTC day by media type, direction and wrap-up code: count, " +
			"abandoned, average processing and hold time",
		Query: `SELECT toDate(create_timestamp) AS day, _source AS source, media_type, interaction_direction AS direction,
    ifNull(wrap_up_code, 'N/A') AS wrap_up_code, any(wrap_up_text) AS wrap_up_text,
    count() AS interactions,
    countIf(abandon_timestamp IS NOT NULL) AS abandoned,
    round(avg(process_time), 1) AS avg_process_s,
    round(avg(total_hold_time), 1) AS avg_hold_s
FROM {db}.vcc_interactions FINAL
GROUP BY day, source, media_type, direction, wrap_up_code`,
	},
}
