package jobs

// Version is the ccwh build version, set with -ldflags "-X github.com/ccwh/ccwh/jobs.Version=…".
var Version = "dev"
