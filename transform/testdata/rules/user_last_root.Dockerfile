# option rules=RootUser
FROM nonroot:1
USER 10001
RUN echo hi
# want RootUser error: runs as root: USER root:root is its last user
USER root:root
