# Debian bookworm (debootstrap --variant=minbase), made by hack/env/up into
# rootfs.tar. apt works inside builds through buildkitd's host network.
FROM scratch
ADD rootfs.tar /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["bash"]
