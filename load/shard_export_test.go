package load

// SetShardsForTest makes c's cluster the given servers, one per shard in this order with these
// weights, instead of what system.clusters lists (a test cannot define a cluster of two private
// servers: each writes its config before the other's port is known).
func SetShardsForTest(c *ClickHouse, addrs []string, weights []int) {
	cl := c.cluster
	cl.mu.Lock()
	defer cl.mu.Unlock()
	cl.shards = nil
	for i, a := range addrs {
		cl.shards = append(cl.shards, shardInfo{num: i + 1, weight: weights[i], addrs: []string{a}})
	}
	cl.slots = slotsByWeight(cl.shards)
}

// CityHashForTest is ccwh's cityHash64(s, toInt64(i), toUInt64(u)).
func CityHashForTest(s string, i int64, u uint64) uint64 {
	return combineHash(combineHash(hashString(s), hashInt(uint64(i))), hashInt(u))
}
