# option rules=UnpinnedBaseImage
# option offline=true
# want UnpinnedBaseImage error: floats on the latest tag.*pin it to a digest: alpine:latest@sha256:<digest>
FROM alpine
USER 10001
