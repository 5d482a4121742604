export declare const serverDistDir: string;
export declare function isServerBuildCurrent(): boolean;
export declare function buildServer(): Promise<string>;
export declare function ensureServerBuilt(): Promise<string>;
