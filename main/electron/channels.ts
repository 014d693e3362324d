/** IPC channel names shared by the Electron main process and the preload. */
export const IPC_INVOKE = 'factorlens:invoke';
export const IPC_PROGRESS = 'factorlens:progress';
/** Menu commands the renderer carries out (it knows the current clustering): `export`. */
export const IPC_MENU = 'factorlens:menu';
