package extract

// Structured log field names used by every extractor (zerolog), so that logs of all vendors can
// be filtered the same way.
const (
	LogSource  = "source"
	LogStream  = "stream"
	LogEntity  = "entity"
	LogWindow  = "window"
	LogPage    = "page"
	LogRows    = "rows"
	LogRetries = "retries"
	LogURL     = "url"
	LogStatus  = "status"
)
