# option rules=PackageCache
FROM centos:7
# want PackageCache fixed: yum install without `yum clean all` after it keeps the package cache in /var/cache/yum in the layer \(the cleanup before the install does not count\) \| appended `&& yum clean all` to the RUN
RUN yum clean all && yum install -y git
RUN yum install -y git && yum clean all
RUN yum install -y git; yum clean all
# want PackageCache fixed: dnf install without `dnf clean all` after it keeps the package cache in /var/cache/dnf
RUN dnf install -y git
RUN dnf install -y git && dnf clean --disableplugin=subscription-manager all
# want PackageCache fixed: dnf install without `dnf clean all`
RUN dnf install -y git && dnf clean packages
RUN dnf install -y git && rm -rf /var/cache/dnf
RUN dnf install -y git && rm -rf /var/cache /var/log/dnf*
# want PackageCache fixed: microdnf install without `microdnf clean all`
RUN microdnf install -y git
# want PackageCache fixed: yum install without `yum clean all`
RUN yum install -y git;
RUN --mount=type=cache,target=/var/cache/yum yum install -y git
RUN --mount=type=cache,target=/var/cache/dnf,sharing=locked dnf install -y git
# want PackageCache fixed: zypper install without `zypper clean --all` after it keeps the package cache in /var/cache/zypp.*\| appended `&& zypper clean --all` to the RUN
RUN zypper -n install git
RUN zypper -n install git && zypper clean
RUN zypper -n in git && zypper cc -a
# want PackageCache fixed: yum update without `yum clean all`
RUN yum -y update
RUN yum makecache
# want PackageCache fixed: yum install
RUN yum install -y a && yum clean all && yum install -y b
# want PackageCache warning: dnf install without `dnf clean all`.*not rewritten: heredoc
RUN <<EOF
dnf install -y git
EOF
# want PackageCache warning: dnf install without.*could not be changed safely
RUN dnf install -y git # a comment
# want PackageCache warning: dnf install without.*not rewritten: exec-form
RUN ["dnf", "install", "-y", "git"]
USER 10001
