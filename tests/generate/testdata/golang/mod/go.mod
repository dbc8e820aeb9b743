module example.com/demo

go 1.21

require (
	github.com/pkg/errors v0.9.1
	golang.org/x/sys v0.1.0 // indirect
	github.com/old/lib v1.0.0
)

require gopkg.in/yaml.v3 v3.0.1

replace github.com/old/lib v1.0.0 => github.com/new/lib v1.2.0
