// Package perf measures what the provider costs beyond what any Terraform plugin costs. Its
// tests (TF_ACC) assert that every resource type makes the fewest API calls a command allows;
// its benchmarks (make bench) drive the real Terraform CLI through terraform-exec against an
// in-process emulator, next to two floors measured in the same run: Terraform's built-in
// terraform_data, and floorprovider, a provider on the same framework that calls no API.
package perf
