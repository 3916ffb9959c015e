package localch

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
)

// Layout of a server directory. Everything the server writes stays below it.
const (
	configFile = "config.xml"
	usersFile  = "users.xml"
	logDir     = "log"
	serverLog  = "clickhouse-server.log"
	errorLog   = "clickhouse-server.err.log"
	stdioLog   = "stdio.log"
)

// configXML is the smallest config that ClickHouse 18.16 starts from. The server's own timezone
// is UTC so that functions without an explicit zone agree with the stored data.
const configXML = `<?xml version="1.0"?>
<yandex>
    <logger>
        <level>warning</level>
        <log>%[1]s/log/clickhouse-server.log</log>
        <errorlog>%[1]s/log/clickhouse-server.err.log</errorlog>
        <size>10M</size>
        <count>2</count>
    </logger>
    <tcp_port>%[2]d</tcp_port>
    <http_port>%[3]d</http_port>
    <listen_host>127.0.0.1</listen_host>
    <path>%[1]s/data/</path>
    <tmp_path>%[1]s/tmp/</tmp_path>
    <user_files_path>%[1]s/user_files/</user_files_path>
    <format_schema_path>%[1]s/format_schemas/</format_schema_path>
    <users_config>%[1]s/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <mark_cache_size>5368709</mark_cache_size>
    <uncompressed_cache_size>8589934</uncompressed_cache_size>
    <max_concurrent_queries>100</max_concurrent_queries>
    <mlock_executable>false</mlock_executable>
    <shutdown_wait_unfinished>1</shutdown_wait_unfinished>
    <keep_alive_timeout>1</keep_alive_timeout>
    <!-- Cluster (see the constant): one shard, one replica, this server. -->
    <remote_servers>
        <ccwh_local>
            <shard>
                <internal_replication>true</internal_replication>
                <replica><host>127.0.0.1</host><port>%[2]d</port></replica>
            </shard>
        </ccwh_local>
    </remote_servers>
    <macros>
        <shard>01</shard>
        <replica>r1</replica>
    </macros>
</yandex>
`

// Cluster names a cluster every private server defines in remote_servers: one shard of one
// replica, the server itself, with the macros {shard} = 01 and {replica} = r1. Distributed
// tables work over it. ON CLUSTER DDL and Replicated* engines do not: they need ZooKeeper (or
// ClickHouse Keeper), which a private server does not have.
const Cluster = "ccwh_local"

// usersXML: one passwordless default user reachable from loopback only. The profile enables
// LowCardinality on servers that still call it experimental (newer servers ignore the setting).
const usersXML = `<?xml version="1.0"?>
<yandex>
    <profiles>
        <default>
            <allow_experimental_low_cardinality_type>1</allow_experimental_low_cardinality_type>
            <!-- idle connections notice a shutdown within a second, not ten -->
            <poll_interval>1</poll_interval>
        </default>
    </profiles>
    <users>
        <default>
            <password></password>
            <networks>
                <ip>127.0.0.1</ip>
                <ip>::1</ip>
            </networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas>
        <default></default>
    </quotas>
</yandex>
`

// writeConfig creates the directory layout and both config files.
func writeConfig(dir string, tcpPort, httpPort int) error {
	for _, sub := range []string{"data", "tmp", "user_files", "format_schemas", logDir} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return fmt.Errorf("localch: create %s: %w", sub, err)
		}
	}
	var esc bytes.Buffer
	if err := xml.EscapeText(&esc, []byte(dir)); err != nil {
		return fmt.Errorf("localch: escape dir: %w", err)
	}
	cfg := fmt.Sprintf(configXML, esc.String(), tcpPort, httpPort)
	if err := os.WriteFile(filepath.Join(dir, configFile), []byte(cfg), 0o644); err != nil {
		return fmt.Errorf("localch: write config: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, usersFile), []byte(usersXML), 0o644); err != nil {
		return fmt.Errorf("localch: write users: %w", err)
	}
	return nil
}
