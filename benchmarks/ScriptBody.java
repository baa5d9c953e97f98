/**
 * Prints the text of a backend Lua script exactly as the backend loads it (library and exactly-once wrapper
 * included), so that redis-benchmark runs the same script by EVALSHA. Run with the backend jar on the class path:
 * {@code java -cp backend/target/nowserving-backend.jar benchmarks/ScriptBody.java queue.QueueStore issue_ticket.lua}.
 */
public class ScriptBody {
    public static void main(String[] args) throws Exception {
        Class<?> owner = Class.forName("io.nowserving.backend." + args[0]);
        Class<?> lua = Class.forName("io.nowserving.backend.redis.LuaScript");
        Object script = lua.getMethod("load", Class.class, String.class).invoke(null, owner, args[1]);
        System.out.print(lua.getMethod("body").invoke(script));
    }
}
