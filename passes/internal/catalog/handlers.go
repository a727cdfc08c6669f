package catalog

import (
	"go/types"
	"strings"
)

// A HandlerParam is a parameter type that marks a function as a request
// handler of a web or RPC framework: the function runs once per request.
type HandlerParam struct {
	Framework string // for messages: "gin", "echo", ...
	Path      string // package path of the type
	Name      string // type name
}

// HandlerParams are the framework types whose presence among a function's
// parameters makes it a handler. net/http needs both of its types; see
// IsHTTPHandler.
var HandlerParams = []HandlerParam{
	{"gin", "github.com/gin-gonic/gin", "Context"},
	{"echo", "github.com/labstack/echo/v4", "Context"},
	{"echo", "github.com/labstack/echo", "Context"},
	{"fiber", "github.com/gofiber/fiber/v2", "Ctx"},
	{"fiber", "github.com/gofiber/fiber/v3", "Ctx"},
}

// HandlerOf names the framework whose handler signature sig has, or "".
// extra lists more handler parameter types as "path.Name", from flags.
func HandlerOf(sig *types.Signature, extra []string) string {
	params := sig.Params()
	if IsHTTPHandler(sig) {
		return "HTTP"
	}
	for i := range params.Len() {
		path, name := typePathName(params.At(i).Type())
		for _, h := range HandlerParams {
			if h.Path == path && h.Name == name {
				return h.Framework
			}
		}
		for _, e := range extra {
			if e == path+"."+name {
				return name
			}
		}
	}
	return ""
}

// IsHTTPHandler reports whether sig has net/http's handler parameters
// (http.ResponseWriter, *http.Request).
func IsHTTPHandler(sig *types.Signature) bool {
	params := sig.Params()
	if params.Len() != 2 {
		return false
	}
	p0, n0 := typePathName(params.At(0).Type())
	p1, n1 := typePathName(params.At(1).Type())
	_, isPtr := params.At(1).Type().(*types.Pointer)
	return p0 == "net/http" && n0 == "ResponseWriter" && p1 == "net/http" && n1 == "Request" && isPtr
}

// IsGRPCService reports whether named embeds a generated
// Unimplemented...Server type of a gRPC service, so that its exported
// methods serve RPCs.
func IsGRPCService(named *types.Named) bool {
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		f := st.Field(i)
		if !f.Embedded() {
			continue
		}
		_, name := typePathName(f.Type())
		if strings.HasPrefix(name, "Unimplemented") && strings.HasSuffix(name, "Server") {
			return true
		}
	}
	return false
}

// typePathName returns the package path and name of a named type or a
// pointer to one.
func typePathName(t types.Type) (string, string) {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return "", ""
	}
	return named.Obj().Pkg().Path(), named.Obj().Name()
}
