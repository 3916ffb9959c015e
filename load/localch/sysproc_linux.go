package localch

import "syscall"

// sysProcAttr puts the server in its own process group (so Stop reaches every process it forks
// and a terminal's Ctrl-C does not) and kills it when the process that started it dies, so a
// crashed test binary leaves no server behind. (Linux sends the signal when the OS thread that
// started the child exits; Go keeps its threads unless a goroutine exits while locked to one, which
// nothing here does.)
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

func signalGroup(pgid int, sig syscall.Signal) error { return syscall.Kill(-pgid, sig) }
