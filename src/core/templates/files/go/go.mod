module example.com/function

go 1.20

// Huawei's Go runtime library is not on any module proxy: download functiongraph-go-runtime-sdk-1.0.1.zip
// (linked from the FunctionGraph documentation's Go page) and unzip it to ./go-runtime. See README.md.
require huaweicloud.com/go-runtime v0.0.0-00010101000000-000000000000

replace huaweicloud.com/go-runtime => ./go-runtime
