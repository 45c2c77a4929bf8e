// A Go 1.x event function: FunctionGraph calls Handler with the event's bytes and a context.
package main

import (
	"encoding/json"
	"fmt"

	"huaweicloud.com/go-runtime/go-api/context"
	"huaweicloud.com/go-runtime/pkg/runtime"
)

type Greeting struct {
	Message string          `json:"message"`
	Event   json.RawMessage `json:"event"`
}

func Handler(payload []byte, ctx context.RuntimeContext) (interface{}, error) {
	logger := ctx.GetLogger()
	logger.Logf("request %s, %d ms left", ctx.GetRequestID(), ctx.GetRemainingTimeInMilliSeconds())
	if !json.Valid(payload) {
		return nil, fmt.Errorf("the event is not JSON")
	}
	return Greeting{Message: "Hello from " + ctx.GetFunctionName(), Event: payload}, nil
}

func main() {
	runtime.Register(Handler)
}
