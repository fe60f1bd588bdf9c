# option rules=UnsafeAdd
FROM scratch
# want UnsafeAdd error: ADD downloads https://example.com/tool.tar.gz without verifying it.*--checksum
ADD https://example.com/tool.tar.gz /opt/
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/ok.tar.gz /opt/
# want UnsafeAdd fixed: replaced ADD with COPY
ADD config.yaml /etc/app/
# want UnsafeAdd fixed: replaced ADD with COPY
add --chown=10001 src/ /app/src/
ADD rootfs.tar.gz /
ADD vendor.tgz /vendor/
ADD ${FILE} /x
ADD --unpack=false plain /y
USER 10001
