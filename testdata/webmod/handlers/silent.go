package handlers

import (
	"context"
	"sync"

	"github.com/gin-gonic/gin"
	fiberv2 "github.com/gofiber/fiber/v2"
	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc/health/grpc_health_v1"
)

func ginShared(r *gin.Engine, rdb *redis.Client) {
	r.GET("/hits", func(c *gin.Context) {
		rdb.Incr(c, "hits")
	})
}

var (
	once sync.Once
	rdb  *redis.Client
)

func echoLazy(c echo.Context) error {
	once.Do(func() {
		rdb = redis.NewClient(&redis.Options{})
	})
	return rdb.Incr(c.Request().Context(), "hits").Err()
}

type app struct {
	mu  sync.Mutex
	rdb *redis.Client
}

func (a *app) fiberLazy(c *fiberv2.Ctx) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.rdb == nil {
		a.rdb = redis.NewClient(&redis.Options{})
	}
	return a.rdb.Incr(c.UserContext(), "hits").Err()
}

func setup(e *echo.Echo) *redis.Client {
	shared := redis.NewClient(&redis.Options{})
	e.GET("/", func(c echo.Context) error {
		return shared.Incr(c.Request().Context(), "hits").Err()
	})
	return shared
}

type server struct {
	grpc_health_v1.UnimplementedHealthServer
	rdb *redis.Client
}

func newServer() *server {
	return &server{rdb: redis.NewClient(&redis.Options{})}
}

func (s *server) Close() error { return s.rdb.Close() }

func (s *server) Check(ctx context.Context, _ *grpc_health_v1.HealthCheckRequest) (*grpc_health_v1.HealthCheckResponse, error) {
	if err := s.rdb.Ping(ctx).Err(); err != nil {
		return nil, err
	}
	return &grpc_health_v1.HealthCheckResponse{}, nil
}

// An unexported method of a gRPC service type serves no RPC.
func (s *server) dial() *redis.Client {
	return redis.NewClient(&redis.Options{})
}

// A type that does not embed Unimplemented...Server is not a service.
type plain struct{}

func (plain) Check(ctx context.Context) error {
	c := redis.NewClient(&redis.Options{})
	defer c.Close()
	return c.Ping(ctx).Err()
}
