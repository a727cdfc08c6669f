// Package handlers holds framework handlers that build clients per request.
package handlers

import (
	"context"

	"github.com/gin-gonic/gin"
	fiberv2 "github.com/gofiber/fiber/v2"
	fiberv3 "github.com/gofiber/fiber/v3"
	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc/health/grpc_health_v1"

	"example.com/webmod/perrequest"
)

func ginRoutes(r *gin.Engine) {
	r.GET("/hits", func(c *gin.Context) {
		rdb := redis.NewClient(&redis.Options{}) // want `built on every request by this gin handler`
		defer rdb.Close()
		rdb.Incr(c, "hits")
	})
}

func ginHandler(c *gin.Context) {
	_ = perrequest.Hit(c, "localhost:6379", "hits") // want `perrequest.Hit builds a go-redis client and closes it before returning, and it is called on every request by this gin handler`
}

func echoRoutes(e *echo.Echo) {
	e.GET("/hits", func(c echo.Context) error {
		rdb := redis.NewClient(&redis.Options{}) // want `built on every request by this echo handler`
		defer rdb.Close()
		return rdb.Incr(c.Request().Context(), "hits").Err()
	})
}

func fiberV2(app *fiberv2.App) {
	app.Get("/hits", func(c *fiberv2.Ctx) error {
		rdb := perrequest.Connect("localhost:6379") // want `the \*redis.Client from perrequest.Connect is built on every request by this fiber handler`
		defer rdb.Close()
		return rdb.Incr(c.UserContext(), "hits").Err()
	})
}

func fiberV3(app *fiberv3.App) {
	app.Get("/hits", func(c fiberv3.Ctx) error {
		rdb := redis.NewClient(&redis.Options{}) // want `built on every request by this fiber handler`
		defer rdb.Close()
		return rdb.Incr(c.Context(), "hits").Err()
	})
}

type health struct {
	grpc_health_v1.UnimplementedHealthServer
}

func (health) Check(ctx context.Context, req *grpc_health_v1.HealthCheckRequest) (*grpc_health_v1.HealthCheckResponse, error) {
	rdb := redis.NewClient(&redis.Options{}) // want `built on every request by this gRPC handler`
	defer rdb.Close()
	if err := rdb.Ping(ctx).Err(); err != nil {
		return nil, err
	}
	return &grpc_health_v1.HealthCheckResponse{Status: grpc_health_v1.HealthCheckResponse_SERVING}, nil
}
