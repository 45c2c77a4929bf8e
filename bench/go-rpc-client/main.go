// The benchmark's baseline: Go's own net/rpc client making the calls the emulator makes to a Go 1.x
// function (CONNECT /_goRPC_, Function.Invoke with canonical X-Cff-* headers), from another process.
//
//	go-rpc-client warm HOST:PORT   reads a count per line on stdin, makes that many calls, prints their times (ms) as JSON
//	go-rpc-client cold EXE N        starts EXE N times, each time: spawn → first reply (ms), then kills it; prints JSON
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/rpc"
	"os"
	"os/exec"
	"strconv"
	"time"
)

type InvokeRequest struct {
	Payload []byte
	Header  http.Header
}

type InvokeResponse struct {
	StatusCode int
	Payload    []byte
}

var event = []byte(`{"hello":"world"}`)

func call(c *rpc.Client, i int) error {
	var resp InvokeResponse
	h := http.Header{"X-Cff-Request-Id": {fmt.Sprintf("bench-%d", i)}, "X-Cff-Invoke-Type": {"sync"}}
	if err := c.Call("Function.Invoke", &InvokeRequest{Payload: event, Header: h}, &resp); err != nil {
		return err
	}
	if resp.StatusCode != 200 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

func warm(addr string) {
	c, err := rpc.DialHTTP("tcp", addr)
	if err != nil {
		fail(err)
	}
	in := bufio.NewScanner(os.Stdin)
	seq := 0
	for in.Scan() {
		n, _ := strconv.Atoi(in.Text())
		times := make([]float64, 0, n)
		for i := 0; i < n; i++ {
			t0 := time.Now()
			if err := call(c, seq); err != nil {
				fail(err)
			}
			seq++
			times = append(times, ms(time.Since(t0)))
		}
		out, _ := json.Marshal(times)
		fmt.Println(string(out))
	}
}

func freePort() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func cold(exe string, n int) {
	times := make([]float64, 0, n)
	for i := 0; i < n; i++ {
		addr := freePort()
		t0 := time.Now()
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), "RUNTIME_API_ADDR="+addr)
		if err := cmd.Start(); err != nil {
			fail(err)
		}
		var c *rpc.Client
		for {
			var err error
			if c, err = rpc.DialHTTP("tcp", addr); err == nil {
				break
			}
			time.Sleep(time.Millisecond)
		}
		if err := call(c, i); err != nil {
			fail(err)
		}
		times = append(times, ms(time.Since(t0)))
		c.Close()
		cmd.Process.Kill()
		cmd.Wait()
	}
	out, _ := json.Marshal(times)
	fmt.Println(string(out))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func main() {
	switch {
	case len(os.Args) == 3 && os.Args[1] == "warm":
		warm(os.Args[2])
	case len(os.Args) == 4 && os.Args[1] == "cold":
		n, _ := strconv.Atoi(os.Args[3])
		cold(os.Args[2], n)
	default:
		fail(fmt.Errorf("usage: go-rpc-client warm HOST:PORT | cold EXE N"))
	}
}
