# option rules=DependencyOrder
# option context=deps-gyp
FROM node:22
WORKDIR /app
# want DependencyOrder warning: not rewritten: binding.gyp is in the build context
COPY . .
RUN npm ci
