// Package othermod's fixtures use redigo, rueidis and valkey-go.
package othermod

import (
	_ "github.com/gomodule/redigo/redis"
	_ "github.com/redis/rueidis"
	_ "github.com/redis/rueidis/rueidiscompat"
	_ "github.com/redis/rueidis/rueidislock"
	_ "github.com/valkey-io/valkey-go"
	_ "github.com/valkey-io/valkey-go/valkeycompat"
	_ "github.com/valkey-io/valkey-go/valkeylock"
)
