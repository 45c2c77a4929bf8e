/** `round(n)`: n pairs of keep-alive round trips to 127.0.0.1:port; their times in ms. */
export declare function makeFloorClient(port: number): (n: number) => Promise<number[]>;
