module example.com/netplan-lint/internal/rules

go 1.22
