// A Go 1.x function run on a schedule by a timer trigger; the trigger's user event is a string.
package main

import (
	"encoding/json"
	"fmt"

	"huaweicloud.com/go-runtime/events/timer"
	"huaweicloud.com/go-runtime/go-api/context"
	"huaweicloud.com/go-runtime/pkg/runtime"
)

func Handler(payload []byte, ctx context.RuntimeContext) (interface{}, error) {
	var event timer.TimerTriggerEvent
	if err := json.Unmarshal(payload, &event); err != nil {
		return nil, fmt.Errorf("not a timer event: %v", err)
	}
	ctx.GetLogger().Logf("trigger %s fired at %s", event.TriggerName, event.Time)
	return map[string]string{"trigger": event.TriggerName, "userEvent": event.UserEvent}, nil
}

func main() {
	runtime.Register(Handler)
}
