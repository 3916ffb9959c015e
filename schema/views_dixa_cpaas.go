package schema

// dixaCPaaSViews: Dixa analytics metric values over time, and CPaaS message volumes. Every
// LowCardinality column is cast to a plain String before it is compared or unioned: 18.16 has
// LowCardinality only as an experiment, and comparing a LowCardinality(Nullable(String)) inside
// an -If aggregate gives wrong results there.
var dixaCPaaSViews = []View{
	{
		Name: "dixa_metric_series",
		Doc: "Dixa aggregated metric values over time: one row per source, metric, measure, filter set " +
			"and interval, with the metric's description, the interval's UTC day and length, and the " +
			"value as a Float64 (the long value where the API sent one)",
		Query: `SELECT v.source AS source, v.metric_id AS metric_id, m.description AS description, v.measure AS measure,
    v.filters AS filters, toDate(v.interval_start) AS day, v.interval_start AS interval_start, v.interval_end AS interval_end,
    v.interval_s AS interval_s, v.value AS value
FROM (
    SELECT CAST(_source AS String) AS source, id AS metric_id, CAST(measure AS String) AS measure, filters,
        interval_start, interval_end,
        ` + secondsBetween("interval_start", "interval_end") + ` AS interval_s,
        if(long_value IS NOT NULL, toFloat64(long_value), value) AS value
    FROM {db}.dixa_analytics_metric_values FINAL
) AS v
ANY LEFT JOIN (
    SELECT CAST(_source AS String) AS source, id AS metric_id, ifNull(description, '') AS description
    FROM {db}.dixa_analytics_metrics FINAL
) AS m USING (source, metric_id)`,
	},
	{
		Name: "cpaas_message_volume_daily",
		Doc: "8x8 CPaaS volumes per UTC day, product (chatapps, sms, voice), channel (the messaging app; " +
			"sms; voice), country, direction, status and currency: messages or calls, SMS parts, call " +
			"seconds and price (from the three log-export tables; voice logs carry no country: '')",
		Query: `SELECT day, source, product, channel, country, direction, status, currency,
    count() AS messages, sum(parts) AS parts, sum(duration_s) AS duration_s, round(sum(price), 4) AS price
FROM (
    SELECT toDate(` + "`timestamp`" + `) AS day, CAST(_source AS String) AS source, 'chatapps' AS product,
        CAST(ifNull(channel, '') AS String) AS channel, CAST(ifNull(country, '') AS String) AS country,
        CAST(ifNull(direction, '') AS String) AS direction, CAST(ifNull(status, '') AS String) AS status,
        CAST(ifNull(currency, '') AS String) AS currency,
        toInt64(1) AS parts, toInt64(0) AS duration_s, ifNull(price, 0) AS price
    FROM {db}.cpaas_chatapps_message_logs FINAL
    UNION ALL
    SELECT toDate(` + "`timestamp`" + `) AS day, CAST(_source AS String) AS source, 'sms' AS product, 'sms' AS channel,
        CAST(ifNull(country, '') AS String) AS country,
        CAST(ifNull(direction, '') AS String) AS direction, CAST(ifNull(status, '') AS String) AS status,
        CAST(ifNull(currency, '') AS String) AS currency,
        ifNull(sms_count, 1) AS parts, toInt64(0) AS duration_s, ifNull(price, 0) AS price
    FROM {db}.cpaas_sms_message_logs FINAL
    UNION ALL
    SELECT toDate(` + "`timestamp`" + `) AS day, CAST(_source AS String) AS source, 'voice' AS product, 'voice' AS channel,
        '' AS country,
        CAST(ifNull(direction, '') AS String) AS direction, CAST(ifNull(status, '') AS String) AS status,
        CAST(ifNull(currency, '') AS String) AS currency,
        toInt64(0) AS parts, ifNull(duration, 0) AS duration_s, ifNull(price, 0) AS price
    FROM {db}.cpaas_voice_call_logs FINAL
)
GROUP BY day, source, product, channel, country, direction, status, currency`,
	},
}
