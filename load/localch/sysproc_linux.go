package localch

import "syscall"

// sysProcAttr puts the server in its own process group (so Stop reaches every process it forks
// and a terminal's Ctrl-C does not) and kills it when the process that started it dies, so a
// crashed test binary leaves no server behind.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

func signalGroup(pgid int, sig syscall.Signal) error { return syscall.Kill(-pgid, sig) }
