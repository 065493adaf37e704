import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The wall-client is rooted at wall-client/ and imports protocol/ and live-model/ from the
// repository root. The gateway serves the build; `npm run dev` proxies to a running gateway.
export default defineConfig({
  root: 'wall-client',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
  server: {
    fs: { allow: ['..'] },
    proxy: {
      '/socket.io': { target: 'http://127.0.0.1:8080', ws: true },
      '/api': 'http://127.0.0.1:8080',
      '/media': 'http://127.0.0.1:8080',
      '/health': 'http://127.0.0.1:8080',
    },
  },
});
