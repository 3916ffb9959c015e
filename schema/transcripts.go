package schema

// transcriptViews are the cross-vendor transcript views (transcripts_unified).
func transcriptViews() []View { return nil }
