package leakcheck_test

import (
	"os"
	"testing"

	"github.com/redisvet/redisvet/internal/redistest"
)

var srv *redistest.Server

func TestMain(m *testing.M) { os.Exit(redistest.Main(m, &srv)) }
