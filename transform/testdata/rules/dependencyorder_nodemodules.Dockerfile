# option rules=DependencyOrder
# option context=deps-node-modules
FROM node:22
WORKDIR /app
# want DependencyOrder warning: not rewritten: node_modules is in the build context
COPY . .
RUN npm ci

