# option rules=NonNumericUser
# option numeric-user=true
FROM alpine:3.19
# root is RootUser's business; the image's own numeric user is fine
USER root
