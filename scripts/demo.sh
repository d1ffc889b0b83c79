#!/usr/bin/env bash
# make demo: start the emulator with its demo fixture, point Terraform at the provider built in
# bin/ through a throwaway CLI config (nothing is written to the user's home), apply
# examples/demo, print its outputs, destroy, and stop the emulator.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
terraform=${TERRAFORM:-terraform}
work=$(mktemp -d)
emulator_pid=""

cleanup() {
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/authpolicy-emulator" "$root/internal/emulator/cmd/authpolicy-emulator"
"$work/authpolicy-emulator" -listen 127.0.0.1:0 >"$work/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 100); do
  grep -qx ready "$work/emulator.log" && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log"; exit 1; }
  sleep 0.1
done
grep -qx ready "$work/emulator.log" || { echo "emulator did not become ready"; cat "$work/emulator.log"; exit 1; }
echo "--- emulator"
cat "$work/emulator.log"
identity_url=$(awk '$1 == "identity" { print $2 }' "$work/emulator.log")
acronis_url=$(awk '$1 == "acronis" { print $2 }' "$work/emulator.log")
cloudsso_url=$(awk '$1 == "cloudsso" { print $2 }' "$work/emulator.log")

cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/authpolicy/authpolicy" = "$root/bin"
  }
  direct {}
}
RC
cp -R "$root/examples/demo" "$work/demo"
cd "$work/demo"

export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
# The emulator's built-in demo user (see README): a password login with a TOTP second factor.
export RS_AUTH_URL="$identity_url" RS_USERNAME=demo-admin RS_PASSWORD=demo-password-1 RS_TOTP_SECRET=JBSWY3DPEHPK3PXP
# The emulator's demo Acronis API client, on the demo partner tenant.
export ACRONIS_BASE_URL="$acronis_url" ACRONIS_CLIENT_ID=44444444-4444-4444-8444-444444444444 ACRONIS_CLIENT_SECRET=demo-secret
# The emulator's demo CloudSSO AccessKey.
export ALIBABA_CLOUD_ENDPOINT_CLOUDSSO="$cloudsso_url" ALIBABA_CLOUD_ACCESS_KEY_ID=demo-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-sk

echo "--- terraform apply"
"$terraform" apply -auto-approve -input=false -no-color
echo "--- terraform output"
"$terraform" output -no-color
echo "--- terraform destroy"
"$terraform" destroy -auto-approve -input=false -no-color
echo "--- demo finished"
