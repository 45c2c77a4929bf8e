// A Go 1.x function behind an API gateway (APIG): it answers in the gateway's response format.
package main

import (
	"encoding/json"
	"fmt"

	"huaweicloud.com/go-runtime/events/apig"
	"huaweicloud.com/go-runtime/go-api/context"
	"huaweicloud.com/go-runtime/pkg/runtime"
)

func Handler(payload []byte, ctx context.RuntimeContext) (interface{}, error) {
	var request apig.APIGTriggerEvent
	if err := json.Unmarshal(payload, &request); err != nil {
		return nil, fmt.Errorf("not an APIG event: %v", err)
	}
	ctx.GetLogger().Logf("%s %s", request.HttpMethod, request.Path)
	body := request.Body
	if request.IsBase64Encoded {
		body = request.GetRawBody()
	}
	reply, _ := json.Marshal(map[string]interface{}{
		"method": request.HttpMethod,
		"path":   request.Path,
		"query":  request.QueryStringParameters,
		"body":   body,
	})
	return apig.APIGTriggerResponse{
		StatusCode: 200,
		Headers:    map[string]string{"Content-Type": "application/json"},
		Body:       string(reply),
	}, nil
}

func main() {
	runtime.Register(Handler)
}
