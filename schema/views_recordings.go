package schema

// recordingViews: 8x8 call recordings per agent and queue.
var recordingViews = []View{
	{
		Name: "vcc_recordings_daily",
		Doc: "8x8 call recordings per UTC day, agent and queue: recordings, total and average " +
			"duration in seconds, recordings with a wrap-up code, and the agent's full name " +
			"(from vcc_recordings and vcc_agents; '' where the recording names no agent or queue)",
		Query: `SELECT r.day AS day, r.source AS source, r.agent_id AS agent_id, a.agent_name AS agent_name, r.queue_name AS queue_name,
    r.recordings AS recordings, r.duration_s AS duration_s, r.avg_duration_s AS avg_duration_s, r.with_wrap_up AS with_wrap_up
FROM (
    SELECT toDate(start_date) AS day, CAST(_source AS String) AS source, ifNull(agent_id, '') AS agent_id,
        CAST(ifNull(queue_name, '') AS String) AS queue_name,
        count() AS recordings,
        sum(ifNull(duration, 0)) AS duration_s,
        round(avg(duration), 1) AS avg_duration_s,
        countIf(notEmpty(wrap_up_code_transaction_codes_transaction_code_name)) AS with_wrap_up
    FROM {db}.vcc_recordings FINAL
    GROUP BY day, source, agent_id, queue_name
) AS r
ANY LEFT JOIN (
    SELECT CAST(_source AS String) AS source, agent_id, ifNull(full_name, '') AS agent_name FROM {db}.vcc_agents FINAL
) AS a USING (source, agent_id)`,
	},
}
