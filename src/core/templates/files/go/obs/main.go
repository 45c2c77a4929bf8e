// A Go 1.x function run when objects change in an OBS bucket. Each record names the bucket, the
// object key and its size; fetch the object with the OBS SDK if you need its content.
package main

import (
	"encoding/json"
	"fmt"
	"net/url"

	"huaweicloud.com/go-runtime/go-api/context"
	"huaweicloud.com/go-runtime/pkg/runtime"
)

// The OBS notification fields this function reads (the SDK has no OBS event type).
type obsEvent struct {
	Records []struct {
		EventName string `json:"eventName"`
		S3        struct {
			Bucket struct {
				Name string `json:"name"`
			} `json:"bucket"`
			Object struct {
				Key  string `json:"key"`
				Size int64  `json:"size"`
			} `json:"object"`
		} `json:"s3"`
	} `json:"Records"`
}

type object struct {
	Event  string `json:"event"`
	Bucket string `json:"bucket"`
	Key    string `json:"key"`
	Size   int64  `json:"size"`
}

func Handler(payload []byte, ctx context.RuntimeContext) (interface{}, error) {
	var event obsEvent
	if err := json.Unmarshal(payload, &event); err != nil {
		return nil, fmt.Errorf("not an OBS event: %v", err)
	}
	objects := []object{}
	for _, r := range event.Records {
		key, err := url.QueryUnescape(r.S3.Object.Key)
		if err != nil {
			key = r.S3.Object.Key
		}
		ctx.GetLogger().Logf("%s: obs://%s/%s (%d bytes)", r.EventName, r.S3.Bucket.Name, key, r.S3.Object.Size)
		objects = append(objects, object{r.EventName, r.S3.Bucket.Name, key, r.S3.Object.Size})
	}
	return map[string]interface{}{"processed": len(objects), "objects": objects}, nil
}

func main() {
	runtime.Register(Handler)
}
