# Credentials usually come from the environment (RS_USERNAME, RS_PASSWORD, RS_TOTP_SECRET, ...),
# so nothing secret is written in the configuration.
provider "authpolicy" {
  rackspace {
    # endpoint defaults to https://identity.api.rackspacecloud.com
    username = "jqsmith"
    # password and totp_secret from RS_PASSWORD and RS_TOTP_SECRET
  }

  acronis {
    endpoint  = "https://eu2-cloud.acronis.com"
    client_id = "44444444-4444-4444-8444-444444444444"
    # client_secret from ACRONIS_CLIENT_SECRET
  }

  cloudsso {
    region = "cn-shanghai"
    # access_key_id and access_key_secret from ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET
  }
}
