module example.com/netplan-lint

go 1.22

require (
	example.com/netplan-lint/internal/rules v0.0.0-00010101000000-000000000000
	github.com/Masterminds/semver/v3 v3.2.0
	github.com/aliyun/aliyun-tablestore-go-sdk v4.1.2+incompatible
	github.com/apparentlymart/go-cidr v1.1.0
	github.com/hashicorp/hcl/v2 v2.23.0
	github.com/spf13/pflag v1.0.5
	github.com/zclconf/go-cty v1.16.0
)

require (
	github.com/agext/levenshtein v1.2.3 // indirect
	github.com/apparentlymart/go-textseg/v15 v15.0.0 // indirect
	github.com/google/go-cmp v0.6.0 // indirect
	github.com/mitchellh/go-wordwrap v1.0.1 // indirect
	golang.org/x/mod v0.23.0 // indirect
	golang.org/x/text v0.22.0 // indirect
)

replace example.com/netplan-lint/internal/rules => ./internal/rules
