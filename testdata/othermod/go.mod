module example.com/othermod

go 1.26.0

require (
	github.com/gomodule/redigo v1.9.3
	github.com/redis/rueidis v1.0.80
	github.com/redis/rueidis/rueidiscompat v1.0.79
	github.com/valkey-io/valkey-go v1.0.80
	github.com/valkey-io/valkey-go/valkeycompat v1.0.76
)

require golang.org/x/sys v0.50.0 // indirect
