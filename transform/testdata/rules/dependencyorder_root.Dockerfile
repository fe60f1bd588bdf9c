# option rules=DependencyOrder
FROM node:22
# "/" is the root of the build context: the whole context
# want DependencyOrder warning: COPY / /app copies the whole context before `npm install`
COPY / /app
# and a source of "*" does not bring the manifests alone
RUN cd /app && npm install
