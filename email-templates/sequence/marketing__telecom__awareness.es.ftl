<#assign subject>${lead.firstName}, qué campañas de ${lead.company} traen clientes de verdad</#assign>
Hola ${lead.firstName}:

En marketing de telecomunicaciones, tu equipo seguramente lanza campañas de planes, portabilidad y fibra a la vez, en muchos canales. Saber cuál de ellas trae clientes que se quedan, y no solo altas que se van a los tres meses, es de los retos más difíciles de tu puesto.

He visto que a muchos responsables de marketing les ayuda empezar por un modelo de atribución sencillo antes de invertir en herramientas. Por eso te comparto un ebook gratuito, «Atribución práctica para marketing de telecomunicaciones», con ejemplos de campañas de prepago y pospago y una plantilla que puedes adaptar a tus canales.

Si tu reto principal es otro, cuéntamelo y te busco un recurso más útil para ti.

¿Cómo mides hoy qué campañas generan tus mejores clientes?

--
Un saludo,
${rep.name}
${rep.email}

Si prefieres no recibir más correos, date de baja aquí: ${unsubscribeUrl}
