// A custom runtime written in Go. Built into an executable named `bootstrap` (see build.sh), it
// fetches events from the runtime API in a loop, handles each, and posts the result back.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"time"
)

var base = "http://" + os.Getenv("RUNTIME_API_ADDR") + "/v1/runtime/invocation"

// Result is what this function returns for each event.
type Result struct {
	Message   string          `json:"message"`
	RequestID string          `json:"requestId"`
	Event     json.RawMessage `json:"event"`
}

// handleEvent is your code: turn one event into a result.
func handleEvent(event []byte, requestID string) (interface{}, error) {
	log.Printf("processing request %s", requestID)
	if !json.Valid(event) {
		return nil, fmt.Errorf("the event is not valid JSON")
	}
	return Result{Message: "Hello from a Go custom runtime", RequestID: requestID, Event: event}, nil
}

func main() {
	client := &http.Client{} // no timeout: waiting for the next event may take minutes
	for {
		res, err := client.Get(base + "/request")
		if err != nil {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		event, _ := io.ReadAll(res.Body)
		res.Body.Close()
		requestID := res.Header.Get("X-Cff-Request-Id")
		if res.StatusCode != http.StatusOK || requestID == "" {
			time.Sleep(50 * time.Millisecond)
			continue
		}

		result, err := handleEvent(event, requestID)
		path := "/response/" + requestID
		if err != nil {
			path = "/error/" + requestID
			result = map[string]string{"errorType": "FunctionError", "errorMessage": err.Error()}
		}
		body, _ := json.Marshal(result)
		reply, err := client.Post(base+path, "application/json", bytes.NewReader(body))
		if err != nil {
			log.Printf("posting the result of %s failed: %v", requestID, err)
			continue
		}
		io.Copy(io.Discard, reply.Body)
		reply.Body.Close()
	}
}
