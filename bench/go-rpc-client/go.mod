module fgtk.bench/go-rpc-client

go 1.20
