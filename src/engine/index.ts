// The engine module, bundled as dist/engine.js and loaded lazily (src/engine-loader.ts).
export { createDockerEngine, DockerEngine, type DockerEngineOptions } from './docker-engine';
export { defaultEndpoint } from './endpoint';
